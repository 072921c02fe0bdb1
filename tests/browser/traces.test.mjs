// The trace page on the admin address: a message sent from the chat page is
// traced under the traceparent the browser made; its trace link opens that
// trace; the list, the waterfall (tree order, bottleneck, span details), the
// span-name latency table, the service map and exporter health all render.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  eventually, newPage, screenshot, signUp, startStack, waitForOk,
} from './harness.mjs';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('trace page', () => {
  let stack, ollama, chat, browser;
  let askTraceId;  // the trace of the "@ai" message sent from the browser

  before(async () => {
    stack = await startStack();
    ({ ollama, chat, browser } = stack);
    const health = await waitForOk(`${chat.adminUrl}/debug/traces/api/health`);
    assert.equal(health.enabled, true);
  });

  after(async () => {
    await stack?.stop();
  });

  test('each send carries a fresh traceparent whose trace id the message gets; its link opens that trace', async () => {
    const { page, context } = await newPage(browser);
    const sent = [];  // {text, traceparent}
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/messages') {
        sent.push({ text: request.postDataJSON().text, traceparent: request.headers().traceparent });
      }
    });
    const suffix = Date.now().toString(36);
    await signUp(page, chat.url, `carol_${suffix}`);
    await page.getByTestId('room-name').fill(`deploys-${suffix}`);
    await page.getByTestId('create-room').click();
    await page.locator('[data-testid="room-item"][aria-current="true"]', { hasText: `deploys-${suffix}` }).waitFor();
    await page.waitForFunction(() => document.getElementById('live')?.classList.contains('on'));

    const texts = ['the deploy pipeline is green again', '@ai how is the deploy going?'];
    for (const text of texts) {
      await page.getByTestId('message-input').fill(text);
      await page.getByTestId('message-input').press('Enter');
      await page.locator('[data-testid="message"]', {
        has: page.locator('[data-testid="message-text"]', { hasText: text }),
      }).waitFor();
    }
    const reply = page.locator('[data-testid="message"][data-author="assistant"]');
    await reply.waitFor({ timeout: 30000 });

    assert.equal(sent.length, 2);
    const traceIds = [];
    for (const { text, traceparent } of sent) {
      const match = TRACEPARENT.exec(traceparent || '');
      assert.ok(match, `a W3C traceparent on the send of "${text}": ${traceparent}`);
      assert.doesNotMatch(match[1], /^0+$/);
      assert.doesNotMatch(match[2], /^0+$/);
      const message = page.locator('[data-testid="message"]', {
        has: page.locator('[data-testid="message-text"]', { hasText: text }),
      });
      assert.equal(await message.getAttribute('data-trace-id'), match[1],
                   `the message "${text}" is traced under the browser's trace id`);
      traceIds.push(match[1]);
    }
    assert.notEqual(traceIds[0], traceIds[1], 'every send starts a fresh trace');
    askTraceId = traceIds[1];
    assert.equal(await reply.getAttribute('data-trace-id'), askTraceId, "the assistant's answer is in the question's trace");

    // The question's trace link opens the trace page on that very trace.
    const link = page.locator('[data-testid="message"]', {
      has: page.locator('[data-testid="message-text"]', { hasText: '@ai how is the deploy going?' }),
    }).getByTestId('trace-link');
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    popup.pageErrors = [];
    popup.on('pageerror', (err) => popup.pageErrors.push(err.message));
    await popup.waitForLoadState();
    assert.equal(popup.url(), `${chat.adminUrl}/debug/traces#trace=${askTraceId}`);
    await popup.getByTestId('waterfall').waitFor();
    await popup.getByTestId('span-row').first().waitFor({ timeout: 20000 });
    assert.equal(await popup.getByTestId('trace-id').textContent(), askTraceId);
    await popup.locator(`[data-testid="span-row"][data-span-name="POST /api/messages"]`).first().waitFor();
    await screenshot(page, 'trace-chat-page.png');
    await screenshot(popup, 'trace-from-link.png');
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(popup.pageErrors, []);
    // The address the load generator prints, /debug/traces/<trace id>, opens the same view.
    await popup.goto(`${chat.adminUrl}/debug/traces/${askTraceId}`);
    await popup.waitForURL(`**/debug/traces#trace=${askTraceId}`);
    await popup.locator(`[data-testid="span-row"][data-span-name="POST /api/messages"]`).first().waitFor();
    assert.equal(await popup.getByTestId('trace-id').textContent(), askTraceId);
    await context.close();
  });

  test('recent traces, the waterfall, span details, span names, service map and exporter health', async () => {
    assert.ok(askTraceId, 'the previous test sent a traced message');
    const { page, context } = await newPage(browser);
    await page.goto(`${chat.adminUrl}/debug/traces`);

    // The list (auto-refreshed every 3 s) shows the trace of POST /api/messages.
    const row = page.locator(`[data-testid="trace-row"][data-trace-id="${askTraceId}"]`);
    await row.waitFor({ timeout: 20000 });
    assert.match(await row.textContent(), /POST \/api\/messages/);
    assert.ok(await page.locator('[data-testid="trace-row"]', { hasText: 'POST /api/messages' }).count() >= 2);
    await screenshot(page, 'traces-list.png');

    // The name filter and the errors-only toggle.
    await page.getByTestId('trace-filter').fill('no span is called this');
    await eventually(async () => (await page.getByTestId('trace-row').count()) === 0, { what: 'the filter to hide every row' });
    await page.getByTestId('trace-filter').fill('api/messages');
    await row.waitFor();
    const names = await page.getByTestId('trace-row').evaluateAll((rows) => rows.map((r) => r.textContent));
    assert.ok(names.every((name) => name.includes('/api/messages')));
    await page.getByTestId('trace-filter').fill('');
    await page.getByTestId('errors-only').check();
    const flags = await page.getByTestId('trace-row').evaluateAll((rows) => rows.map((r) => r.dataset.error));
    assert.ok(flags.every((flag) => flag === 'true'), 'errors only shows only failed traces');
    await page.getByTestId('errors-only').uncheck();

    // Open the trace: the waterfall, in tree order, root first.
    await row.click();
    await page.waitForURL(`**/debug/traces#trace=${askTraceId}`);
    const waterfall = page.getByTestId('waterfall');
    await waterfall.waitFor();
    const spanRows = page.getByTestId('span-row');
    await spanRows.first().waitFor();
    const spans = await spanRows.evaluateAll((rows) => rows.map((r) => ({
      name: r.dataset.spanName,
      indent: parseFloat(r.firstElementChild.style.paddingLeft),
      bar: r.querySelector('.bar').style.left,
    })));
    assert.equal(spans[0].name, 'POST /api/messages', 'the root span comes first');
    assert.ok(spans.some((s) => s.name.startsWith('database.query.')), `database spans: ${spans.map((s) => s.name)}`);
    assert.ok(spans.slice(1).every((s) => s.indent > spans[0].indent), 'children are indented under the root');
    assert.equal(spans[0].bar, '0%', "the root's bar starts at the trace start");

    // The bottleneck is marked on exactly one span row.
    const bottleneck = page.getByTestId('bottleneck');
    assert.equal(await bottleneck.count(), 1);
    assert.equal(await bottleneck.textContent(), 'bottleneck');
    const bottleneckRow = page.locator('[data-testid="span-row"]', { has: bottleneck });
    assert.equal(await bottleneckRow.count(), 1);
    const trace = await (await fetch(`${chat.adminUrl}/debug/traces/api/traces/${askTraceId}`)).json();
    assert.equal(await bottleneckRow.getAttribute('data-span-id'), trace.bottleneck_span_id);
    assert.equal(await spanRows.count(), trace.spans.length, 'one row per span');

    // Span details: kind, service, status, attributes.
    await page.locator('[data-testid="span-row"][data-span-name="POST /api/messages"]').first().click();
    const details = page.getByTestId('span-details');
    await details.waitFor();
    const detailText = await details.textContent();
    assert.match(detailText, /http\.request\.method|http\.method/);
    assert.match(detailText, /server/);
    assert.match(detailText, /chat-system/);
    await screenshot(page, 'trace-waterfall.png');
    // A database span's details too.
    await page.locator('[data-testid="span-row"][data-span-name^="database.query."]').first().click();
    await page.locator('[data-testid="span-details"]').waitFor();
    assert.match(await page.getByTestId('span-details').textContent(), /database\.query\./);

    // Back to the list, then the other views.
    await page.getByTestId('back').click();
    await row.waitFor();

    await page.getByTestId('tab-services').click();
    const map = page.getByTestId('service-map');
    await map.locator('[data-testid="service-node"][data-service="chat-system"]').waitFor();
    await map.locator('[data-testid="service-node"][data-service="ollama"]').waitFor();
    assert.ok(await map.locator('svg [data-testid="service-edge"]').count() >= 1, 'edges are drawn');
    assert.match(await map.textContent(), /calls/);
    await screenshot(page, 'traces-service-map.png');

    await page.getByTestId('tab-spans').click();
    const spanNames = page.getByTestId('span-names');
    await spanNames.locator('[data-testid="span-name-row"][data-span-name="POST /api/messages"]').waitFor();
    const bucketCells = await spanNames.locator('[data-testid="span-name-row"]').first().locator('td.bucket').count();
    assert.equal(bucketCells, 9, 'nine latency buckets per span name');
    const headers = await spanNames.locator('thead th').allTextContents();
    assert.equal(headers.length, 13, `name, count, errors, 9 buckets, max: ${headers}`);
    assert.deepEqual(headers.slice(3, 5), ['0–10µs', '10µs–100µs']);
    assert.equal(headers[12], 'Max');
    await screenshot(page, 'traces-span-names.png');

    await page.getByTestId('tab-health').click();
    const health = page.getByTestId('health');
    await health.locator('[data-testid="exporter-row"]').first().waitFor();
    assert.match(await health.textContent(), /Spans exported/);
    assert.equal(await health.locator('[data-testid="dropped-row"]').count() >= 5, true);
    assert.ok(await health.locator('[data-testid="circuit-state"]').count() >= 1);
    await screenshot(page, 'traces-health.png');
    assert.deepEqual(page.pageErrors, []);
    await context.close();
  });

  test('fetch failures and unknown traces are shown, not swallowed', async () => {
    const { page, context } = await newPage(browser);
    await page.route('**/debug/traces/api/traces?*', (route) => route.fulfill({
      status: 503, contentType: 'application/json', body: JSON.stringify({ error: 'store <b>unavailable</b>' }),
    }));
    await page.goto(`${chat.adminUrl}/debug/traces`);
    const banner = page.getByTestId('error');
    await banner.waitFor();
    assert.match(await banner.textContent(), /store <b>unavailable<\/b>/, 'the server message is shown as text');
    assert.equal(await banner.locator('b').count(), 0);
    await page.unroute('**/debug/traces/api/traces?*');
    await page.locator('#banner-retry').click();
    await banner.waitFor({ state: 'hidden' });

    await page.goto(`${chat.adminUrl}/debug/traces#trace=not-a-trace`);
    await page.getByText('Not a trace id').waitFor();
    assert.deepEqual(page.pageErrors, []);
    await context.close();
  });
});
