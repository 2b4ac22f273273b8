import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createRequestEstimator } from '../engine/inference.js';
import { shapeFromUsage, withFootprint } from './openai.js';

/** A fake OpenAI-compatible server on 127.0.0.1: fixed usage, optional SSE streaming. */
const CHAT_USAGE = {
  prompt_tokens: 1200,
  completion_tokens: 300,
  prompt_tokens_details: { cached_tokens: 1000 },
};
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
          { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Bon' } }] },
          { object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'jour' } }] },
        ];
        if (includeUsage) chunks.push({ object: 'chat.completion.chunk', choices: [], usage: CHAT_USAGE });
        return sse(chunks);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({
          object: 'chat.completion',
          choices: [{ message: { role: 'assistant', content: 'Bonjour' } }],
          usage: CHAT_USAGE,
        }),
      );
    }
    if (req.url === '/v1/responses') {
      if (request.stream) {
        return sse([
          { type: 'response.output_text.delta', delta: 'Bon' },
          { type: 'response.completed', response: { id: 'r1', usage: RESPONSES_USAGE } },
        ]);
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ id: 'r1', object: 'response', output_text: 'Bonjour', usage: RESPONSES_USAGE }),
      );
    }
    res.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** A minimal fetch-based OpenAI-compatible client: just enough of the SDK's shape. */
function fetchClient(baseUrl: string) {
  async function* events(response: Response): AsyncGenerator<unknown> {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const line = buffer.slice(0, end).replace(/^data: /, '');
        buffer = buffer.slice(end + 2);
        if (line !== '[DONE]') yield JSON.parse(line);
        end = buffer.indexOf('\n\n');
      }
    }
  }
  const post = async (path: string, request: Record<string, unknown>) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    });
    return request.stream
      ? { controller: 'kept', [Symbol.asyncIterator]: () => events(response) }
      : response.json();
  };
  return {
    apiKey: 'unused',
    chat: {
      completions: { create: (request: Record<string, unknown>) => post('/v1/chat/completions', request) },
    },
    responses: { create: (request: Record<string, unknown>) => post('/v1/responses', request) },
  };
}

describe('withFootprint on an OpenAI-compatible client', () => {
  let server: Server;
  let baseUrl: string;
  const serving = { params: '8B', hardware: 'h100', location: 'fr' } as const;
  const estimate = () =>
    createRequestEstimator(
      { params: 8e9, hardware: 'h100', location: 'fr' },
      { inputTokens: 4000, cachedInputTokens: 0, outputTokens: 1000 },
    );

  before(async () => {
    server = await startServer();
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => server.close());

  it('adds a footprint computed from the usage of a chat completion', async () => {
    const client = withFootprint(fetchClient(baseUrl), serving);
    const completion = (await client.chat.completions.create({ model: 'local', messages: [] })) as {
      usage: unknown;
      footprint: {
        energyWh: number;
        co2eG: number;
        inputTokens: number;
        cachedInputTokens: number;
        outputTokens: number;
      };
      choices: unknown[];
    };
    assert.equal(completion.choices.length, 1, 'the completion itself is untouched');
    const f = completion.footprint;
    assert.deepEqual([f.inputTokens, f.cachedInputTokens, f.outputTokens], [200, 1000, 300]);
    const expected = estimate()({ inputTokens: 200, cachedInputTokens: 1000, outputTokens: 300 });
    assert.ok(Math.abs(f.energyWh - expected.energyWh) < 1e-12);
    assert.ok(f.energyWh > 0 && f.co2eG > 0);
    assert.ok(Math.abs(f.co2eG - (f.energyWh / 1000) * expected.intensityGPerKwh) < 1e-12);
  });

  it('adds it to the final usage chunk of a stream, and to the stream once read', async () => {
    const client = withFootprint(fetchClient(baseUrl), serving);
    const stream = (await client.chat.completions.create({
      model: 'local',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    })) as AsyncIterable<{ usage?: unknown; footprint?: { outputTokens: number } }> & {
      footprint?: unknown;
      controller?: string;
    };
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks.length, 3);
    assert.equal(chunks[0].footprint, undefined);
    assert.equal(chunks[2].footprint?.outputTokens, 300);
    assert.equal(stream.footprint, chunks[2].footprint);
    assert.equal(stream.controller, 'kept', 'other properties of the stream pass through');
  });

  it('leaves a stream without usage unannotated', async () => {
    const client = withFootprint(fetchClient(baseUrl), serving);
    const stream = (await client.chat.completions.create({
      model: 'local',
      messages: [],
      stream: true,
    })) as AsyncIterable<unknown> & {
      footprint?: unknown;
    };
    let count = 0;
    for await (const _ of stream) count++;
    assert.equal(count, 2);
    assert.equal(stream.footprint, undefined);
  });

  it('handles responses.create, plain and streamed', async () => {
    const client = withFootprint(fetchClient(baseUrl), serving);
    const response = (await client.responses.create({ model: 'local', input: 'hi' })) as {
      footprint: { inputTokens: number; outputTokens: number };
    };
    assert.deepEqual([response.footprint.inputTokens, response.footprint.outputTokens], [800, 150]);
    const stream = (await client.responses.create({
      model: 'local',
      input: 'hi',
      stream: true,
    })) as AsyncIterable<{
      type: string;
      response?: { footprint?: { outputTokens: number } };
    }> & { footprint?: { outputTokens: number } };
    const events = [];
    for await (const event of stream) events.push(event);
    assert.equal(events[1].response?.footprint?.outputTokens, 150);
    assert.equal(stream.footprint?.outputTokens, 150);
  });

  it('validates the serving set-up like the CLI: errors name the field', () => {
    assert.throws(
      () => withFootprint(fetchClient(baseUrl), { params: '8X' as unknown as number, hardware: 'h100' }),
      /--params/,
    );
    assert.throws(() => withFootprint(fetchClient(baseUrl), { params: 8e9 }), /--hardware/);
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
