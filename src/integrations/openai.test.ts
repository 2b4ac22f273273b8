import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import { createRequestEstimator } from '../engine/inference.js';
import { shapeFromUsage, withFootprint } from './openai.js';

/** A fake OpenAI-compatible server on 127.0.0.1: fixed usage, optional SSE streaming. */
const CHAT_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  prompt_tokens_details: { cached_tokens: 1000 },
};
const CHUNK = { id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'm' };
const RESPONSES_USAGE = { input_tokens: 800, output_tokens: 150, input_tokens_details: { cached_tokens: 0 } };

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return JSON.parse(text) as Record<string, unknown>;
}

function startServer(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const request = await body(req);
    const sse = (events: unknown[]) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
      res.end('data: [DONE]\n\n');
    };
    if (req.url === '/v1/chat/completions') {
      if (request.stream) {
        const includeUsage = (request.stream_options as { include_usage?: boolean } | undefined)
          ?.include_usage;
        const chunks: unknown[] = [
          {
            ...CHUNK,
            choices: [{ index: 0, delta: { role: 'assistant', content: 'Bon' }, finish_reason: null }],
          },
          { ...CHUNK, choices: [{ index: 0, delta: { content: 'jour' }, finish_reason: 'stop' }] },
        ];
        if (includeUsage) chunks.push({ ...CHUNK, choices: [], usage: CHAT_USAGE });
        return sse(chunks);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          created: 0,
          model: 'm',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              message: { role: 'assistant', content: 'Bonjour', refusal: null },
            },
          ],
          usage: CHAT_USAGE,
        }),
      );
    }
    if (req.url === '/v1/responses') {
      if (request.stream) {
        const base = {
          id: 'r1',
          object: 'response',
          created_at: 0,
          model: 'm',
          output: [],
          status: 'in_progress',
        };
        return sse([
          { type: 'response.created', sequence_number: 0, response: base },
          {
            type: 'response.completed',
            sequence_number: 1,
            response: { ...base, status: 'completed', usage: RESPONSES_USAGE },
          },
        ]);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          id: 'r1',
          object: 'response',
          created_at: 0,
          model: 'm',
          output: [],
          usage: RESPONSES_USAGE,
        }),
      );
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('withFootprint around the real openai SDK, against a local server', () => {
  let server: Server;
  let client: OpenAI;
  const serving = { params: '8B', hardware: 'h100', location: 'fr' } as const;
  const expected = (shape: { inputTokens: number; cachedInputTokens: number; outputTokens: number }) =>
    createRequestEstimator(
      { params: 8e9, hardware: 'h100', location: 'fr' },
      { inputTokens: 4000, cachedInputTokens: 0, outputTokens: 1000 },
    )(shape);
  const chatShape = { inputTokens: 200, cachedInputTokens: 1000, outputTokens: 300 };
  const messages = [{ role: 'user' as const, content: 'Bonjour' }];

  before(async () => {
    server = await startServer();
    client = new OpenAI({
      baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
      apiKey: 'test',
      maxRetries: 0,
    });
  });
  after(() => server.close());

  it('create: the completion gets a typed footprint from its usage', async () => {
    const completion = await withFootprint(client, serving).chat.completions.create({ model: 'm', messages });
    assert.equal(completion.choices[0].message.content, 'Bonjour', 'the completion itself is untouched');
    const f = completion.footprint!;
    assert.deepEqual([f.inputTokens, f.cachedInputTokens, f.outputTokens], [200, 1000, 300]);
    assert.ok(Math.abs(f.energyWh - expected(chatShape).energyWh) < 1e-12);
    assert.ok(f.energyWh > 0 && f.co2eG > 0);
  });

  it('.withResponse() and .asResponse() work as unwrapped', async () => {
    const wrapped = withFootprint(client, serving);
    const { data, response } = await wrapped.chat.completions.create({ model: 'm', messages }).withResponse();
    assert.equal(response.status, 200);
    assert.equal(data.footprint?.outputTokens, 300);
    const raw = await wrapped.chat.completions.create({ model: 'm', messages }).asResponse();
    assert.equal(((await raw.json()) as { usage: unknown }).usage !== undefined, true);
  });

  it('a stream without include_usage (the SDK default) gets the footprint, and the same chunks', async () => {
    const plain = await client.chat.completions.create({ model: 'm', messages, stream: true });
    const unwrapped = [];
    for await (const chunk of plain) unwrapped.push(chunk);
    const stream = await withFootprint(client, serving).chat.completions.create({
      model: 'm',
      messages,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.deepEqual(chunks, unwrapped, 'the usage chunk it asked for is kept from the caller');
    assert.equal(stream.footprint?.outputTokens, 300);
  });

  it('a stream with include_usage: the footprint on the usage chunk and on the stream', async () => {
    const stream = await withFootprint(client, serving).chat.completions.create({
      model: 'm',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.length, 3);
    assert.equal(chunks[0].footprint, undefined);
    assert.equal(chunks[2].footprint?.outputTokens, 300);
    assert.equal(stream.footprint, chunks[2].footprint);
    assert.ok(stream.controller instanceof AbortController);
  });

  it('stream.tee() and toReadableStream() work, and the footprint arrives', async () => {
    const stream = await withFootprint(client, serving).chat.completions.create({
      model: 'm',
      messages,
      stream: true,
    });
    const [left, right] = stream.tee();
    const read = async (s: AsyncIterable<{ choices: { delta: { content?: string | null } }[] }>) => {
      let text = '';
      for await (const chunk of s) text += chunk.choices[0]?.delta.content ?? '';
      return text;
    };
    assert.deepEqual(await Promise.all([read(left), read(right)]), ['Bonjour', 'Bonjour']);
    assert.equal(stream.footprint?.outputTokens, 300);
    const again = await withFootprint(client, serving).chat.completions.create({
      model: 'm',
      messages,
      stream: true,
    });
    const text = await new Response(again.toReadableStream()).text();
    assert.equal(text.trim().split('\n').length, 2);
    assert.equal(again.footprint?.outputTokens, 300);
  });

  it('the .stream() helper: footprint on the runner and on its final completion', async () => {
    const runner = withFootprint(client, serving).chat.completions.stream({ model: 'm', messages });
    let text = '';
    runner.on('content', (delta) => {
      text += delta;
    });
    const final = await runner.finalChatCompletion();
    assert.equal(text, 'Bonjour');
    assert.equal(final.footprint?.outputTokens, 300);
    assert.equal(runner.footprint?.outputTokens, 300);
  });

  it('the .parse() and .runTools() helpers', async () => {
    const wrapped = withFootprint(client, serving);
    const parsed = await wrapped.chat.completions.parse({ model: 'm', messages });
    assert.equal(parsed.footprint?.outputTokens, 300);
    const final = await wrapped.chat.completions
      .runTools({ model: 'm', messages, tools: [] })
      .finalChatCompletion();
    assert.equal(final.footprint?.outputTokens, 300);
  });

  it('responses.create, plain and streamed, and responses.stream()', async () => {
    const wrapped = withFootprint(client, serving);
    const response = await wrapped.responses.create({ model: 'm', input: 'hi' });
    assert.deepEqual([response.footprint?.inputTokens, response.footprint?.outputTokens], [800, 150]);
    const stream = await wrapped.responses.create({ model: 'm', input: 'hi', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);
    const completed = events.find((e) => e.type === 'response.completed');
    assert.equal(completed?.type === 'response.completed' && completed.response.footprint?.outputTokens, 150);
    assert.equal(stream.footprint?.outputTokens, 150);
    const runner = wrapped.responses.stream({ model: 'm', input: 'hi' });
    const final = await runner.finalResponse();
    assert.equal(final.footprint?.outputTokens, 150);
    assert.equal(runner.footprint?.outputTokens, 150);
  });

  it('leaves the client it wraps unchanged', async () => {
    withFootprint(client, serving);
    const completion = await client.chat.completions.create({ model: 'm', messages });
    assert.equal(completion.footprint, undefined);
  });

  it('validates the serving set-up like the CLI: errors name the field', () => {
    assert.throws(
      () => withFootprint(client, { params: '8X' as unknown as number, hardware: 'h100' }),
      /--params/,
    );
    assert.throws(() => withFootprint(client, { params: 8e9 }), /--hardware/);
  });

  it('reads token counts from both usage formats', () => {
    assert.deepEqual(shapeFromUsage({ prompt_tokens: 10, completion_tokens: 5 }), {
      inputTokens: 10,
      cachedInputTokens: 0,
      outputTokens: 5,
    });
    assert.deepEqual(
      shapeFromUsage({ input_tokens: 10, output_tokens: 5, input_tokens_details: { cached_tokens: 4 } }),
      {
        inputTokens: 6,
        cachedInputTokens: 4,
        outputTokens: 5,
      },
    );
    assert.equal(shapeFromUsage(undefined), undefined);
    assert.equal(shapeFromUsage({ total_tokens: 3 }), undefined);
  });
});
