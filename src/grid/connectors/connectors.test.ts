import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GRID_FIXTURES } from '../../../test/helpers/grid.js';
import { type Replay, startReplay } from '../../../test/helpers/replay-server.js';
import { fetchSeries } from './index.js';

const api = `${GRID_FIXTURES}api/`;
const FROM = Date.UTC(2024, 2, 1, 12, 10);

describe('connectors (against recorded responses on 127.0.0.1)', () => {
  let replay: Replay;
  before(async () => {
    replay = await startReplay([
      { path: /^\/intensity\/2024-03-01T12:00Z\/fw48h$/, file: `${api}ukci-national-fw48h.json` },
      {
        path: /^\/regional\/intensity\/2024-03-01T12:00Z\/fw48h\/regionid\/13$/,
        file: `${api}ukci-regionid-13-fw48h.json`,
      },
      { path: /^\/regional\/intensity\/2024-03-01T12:00Z\/fw48h$/, file: `${api}ukci-regional-fw48h.json` },
      {
        path: /^\/carbon-intensity\/history\?zone=DE&emissionFactorType=direct$/,
        file: `${api}electricitymaps-history-DE.json`,
        requireHeader: ['auth-token', 'k3y'],
      },
      {
        path: /^\/carbon-intensity\/forecast\?zone=DE/,
        file: `${api}electricitymaps-forecast-DE.json`,
        requireHeader: ['auth-token', 'k3y'],
      },
      {
        path: /^\/login$/,
        file: `${api}watttime-login.json`,
        requireHeader: ['authorization', `Basic ${Buffer.from('ada:secret').toString('base64')}`],
      },
      {
        path: /^\/v3\/forecast\?region=CAISO_NORTH&signal_type=co2_moer$/,
        file: `${api}watttime-forecast-CAISO_NORTH.json`,
        requireHeader: ['authorization', 'Bearer fixture-token-5d41402abc4b2a76b9719d911017c592'],
      },
    ]);
  });
  after(() => replay.close());

  it('UK CI: national, one region by id, one region by name; the start is floored to the half hour', async () => {
    const env = { EMPREINTE_UKCI_URL: replay.url };
    const [gb] = await fetchSeries({ provider: 'ukci', fromMs: FROM, env });
    assert.equal(gb.zone, 'GB');
    assert.equal(gb.times.length, 96);
    const [london] = await fetchSeries({ provider: 'ukci', zone: '13', fromMs: FROM, env });
    assert.equal(london.zone, 'London');
    const [north] = await fetchSeries({ provider: 'ukci', zone: 'North Scotland', fromMs: FROM, env });
    assert.equal(north.zone, 'North Scotland');
  });

  it('Electricity Maps: sends the key as auth-token, joins history and forecast', async () => {
    const env = { EMPREINTE_ELECTRICITYMAPS_URL: replay.url, ELECTRICITYMAPS_API_KEY: 'k3y' };
    const [de] = await fetchSeries({
      provider: 'electricitymaps',
      zone: 'DE',
      signal: 'direct',
      fromMs: FROM,
      env,
    });
    assert.equal(de.zone, 'DE');
    assert.equal(de.times.length, 24 + 72);
    assert.equal(de.signal, 'direct');
    assert.ok(
      replay.requests.some(
        (r) => r.url.startsWith('/carbon-intensity/forecast') && r.headers['auth-token'] === 'k3y',
      ),
    );
  });

  it('Electricity Maps: a missing key, or a refused one, is a clear usage error', async () => {
    await assert.rejects(
      fetchSeries({
        provider: 'electricitymaps',
        zone: 'DE',
        fromMs: FROM,
        env: { EMPREINTE_ELECTRICITYMAPS_URL: replay.url },
      }),
      (e: Error & { code?: string }) => {
        assert.equal(e.code, 'missing');
        assert.match(e.message, /no API key; set ELECTRICITYMAPS_API_KEY/);
        return true;
      },
    );
    const env = { EMPREINTE_ELECTRICITYMAPS_URL: replay.url, ELECTRICITYMAPS_API_KEY: 'wrong' };
    await assert.rejects(
      fetchSeries({ provider: 'electricitymaps', zone: 'DE', fromMs: FROM, env }),
      /HTTP 401 .*credentials were refused; check ELECTRICITYMAPS_API_KEY/,
    );
  });

  it('WattTime: logs in with basic auth, then reads the MOER forecast with the bearer token', async () => {
    const env = { EMPREINTE_WATTTIME_URL: replay.url, WATTTIME_USERNAME: 'ada', WATTTIME_PASSWORD: 'secret' };
    const [caiso] = await fetchSeries({ provider: 'watttime', zone: 'CAISO_NORTH', fromMs: FROM, env });
    assert.equal(caiso.zone, 'CAISO_NORTH');
    assert.equal(caiso.times.length, 288);
    assert.equal(caiso.signal, 'marginal');
    await assert.rejects(
      fetchSeries({
        provider: 'watttime',
        zone: 'CAISO_NORTH',
        fromMs: FROM,
        env: { EMPREINTE_WATTTIME_URL: replay.url },
      }),
      /no credentials; set WATTTIME_TOKEN or WATTTIME_USERNAME and WATTTIME_PASSWORD/,
    );
    await assert.rejects(fetchSeries({ provider: 'watttime', fromMs: FROM, env }), /which region/);
  });

  it('an unreachable API is one clear line naming the base-URL variable', async () => {
    const closed = await startReplay([]);
    await closed.close();
    const env = { EMPREINTE_UKCI_URL: closed.url };
    await assert.rejects(
      fetchSeries({ provider: 'ukci', fromMs: FROM, env }),
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); check the network, or EMPREINTE_UKCI_URL/,
    );
  });
});
