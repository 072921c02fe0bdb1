// The chat page in two browsers at once: sign up, create and join a room,
// live delivery over the WebSocket, the assistant's answer to @ai, and a
// trace link on every message.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPage, screenshot, signUp, startStack, waitForOk } from './harness.mjs';

const messageWith = (page, text) => page.locator('[data-testid="message"]', {
  has: page.locator('[data-testid="message-text"]', { hasText: text }),
});

describe('chat page', () => {
  let stack, ollama, chat, browser, info;

  before(async () => {
    stack = await startStack();
    ({ ollama, chat, browser } = stack);
    info = await waitForOk(`${chat.url}/api/info`);
  });

  after(async () => {
    await stack?.stop();
  });

  test('serves the page and tells where the trace page is', async () => {
    const page = await fetch(`${chat.url}/`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') || '', /text\/html/);
    assert.match(await page.text(), /data-testid="message-list"/);
    assert.equal(info.service, 'chat-system');
    assert.equal(info.trace_page, `${chat.adminUrl}/debug/traces`);
  });

  test('two users chat live, the assistant answers, every message links to its trace', async () => {
    const alice = await newPage(browser);
    const bob = await newPage(browser);
    const a = alice.page;
    const b = bob.page;
    const suffix = Date.now().toString(36);

    await signUp(a, chat.url, `alice_${suffix}`);
    await signUp(b, chat.url, `bob_${suffix}`);
    assert.equal(await a.locator('#who-name').textContent(), `alice_${suffix}`);

    // Alice creates a room; it is selected for her.
    const roomName = `lobby-${suffix}`;
    await a.getByTestId('room-name').fill(roomName);
    await a.getByTestId('create-room').click();
    // The new room is selected for her (the periodic reload may list it before that).
    await a.locator('[data-testid="room-item"][aria-current="true"]', { hasText: roomName }).waitFor();

    // Bob's list learns of it (refresh button, or the periodic reload) and he picks it.
    await b.getByTestId('refresh-rooms').click();
    const bobRoom = b.getByTestId('room-item').filter({ hasText: roomName });
    await bobRoom.waitFor();
    await bobRoom.click();
    await b.waitForFunction(() => document.getElementById('live')?.classList.contains('on'));
    await a.waitForFunction(() => document.getElementById('live')?.classList.contains('on'));

    // Alice says hello with Enter; Bob sees it live.
    await a.getByTestId('message-input').fill('hello bob');
    await a.getByTestId('message-input').press('Enter');
    await messageWith(b, 'hello bob').waitFor();
    await messageWith(a, 'hello bob').waitFor();
    assert.equal(await a.getByTestId('message-input').inputValue(), '', 'the input is cleared after sending');

    // Bob asks the assistant with the Send button; both see the question and the answer.
    await b.getByTestId('message-input').fill("@ai what's up");
    await b.getByTestId('send').click();
    for (const page of [a, b]) {
      await messageWith(page, "@ai what's up").waitFor();
      await page.locator('[data-testid="message"][data-author="assistant"]').first().waitFor({ timeout: 30000 });
    }

    for (const [who, page] of [['alice', a], ['bob', b]]) {
      const messages = page.getByTestId('message');
      assert.equal(await messages.count(), 3, `${who} sees each message once`);
      const texts = await page.getByTestId('message-text').allTextContents();
      assert.equal(texts[0], 'hello bob', `${who}: oldest first`);
      assert.equal(texts[1], "@ai what's up");
      assert.ok(texts[2].length > 0, `${who}: the assistant said something`);
      assert.ok(texts[2].includes('fake llama'), `${who}: the assistant's answer comes from the model: ${texts[2]}`);
      const authors = await messages.evaluateAll((nodes) => nodes.map((n) => n.dataset.author));
      assert.deepEqual(authors, [`alice_${suffix}`, `bob_${suffix}`, 'assistant']);
      const assistant = page.locator('[data-testid="message"][data-author="assistant"]');
      assert.match(await assistant.getAttribute('class'), /\bai\b/, 'assistant messages look distinct');

      // Every message has a trace link to the trace page at its own trace id.
      const links = await messages.evaluateAll((nodes) => nodes.map((n) => {
        const link = n.querySelector('[data-testid="trace-link"]');
        return { traceId: n.dataset.traceId, href: link && link.getAttribute('href'), target: link && link.target };
      }));
      for (const link of links) {
        assert.match(link.traceId || '', /^[0-9a-f]{32}$/, `${who}: every message has a trace id`);
        assert.equal(link.href, `${chat.adminUrl}/debug/traces#trace=${link.traceId}`);
        assert.equal(link.target, '_blank');
      }
      // The assistant's answer belongs to the question's trace.
      assert.equal(links[2].traceId, links[1].traceId, `${who}: the answer is traced with the question`);
      assert.notEqual(links[0].traceId, links[1].traceId, `${who}: each send starts its own trace`);
      assert.doesNotMatch(await page.getByTestId('status').getAttribute('class'), /error/,
                          `${who}: no error in the status line: ${await page.getByTestId('status').textContent()}`);
    }

    // A reload keeps the session (sessionStorage) and the room, and shows the history.
    await a.reload();
    await messageWith(a, 'hello bob').waitFor();
    assert.equal(await a.getByTestId('message').count(), 3);

    await screenshot(a, 'chat-alice.png');
    await screenshot(b, 'chat-bob.png');
    assert.deepEqual(a.pageErrors, []);
    assert.deepEqual(b.pageErrors, []);
    await alice.context.close();
    await bob.context.close();
  });

  test('API errors show in the status line', async () => {
    const { page, context } = await newPage(browser);
    await page.goto(chat.url + '/');
    await page.getByTestId('username').fill('nobody_here');
    await page.getByTestId('password').fill('wrong password');
    await page.getByTestId('signin').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').classList.contains('error'));
    assert.match(await page.getByTestId('status').textContent(), /invalid username or password/i);

    // A taken username is refused with the server's message.
    const name = `dup_${Date.now().toString(36)}`;
    await signUp(page, chat.url, name);
    const second = await newPage(browser);
    await second.page.goto(chat.url + '/');
    await second.page.getByTestId('username').fill(name);
    await second.page.getByTestId('password').fill('another password');
    await second.page.getByTestId('signup').click();
    await second.page.waitForFunction(() => document.querySelector('[data-testid="status"]').classList.contains('error'));
    assert.match(await second.page.getByTestId('status').textContent(), /taken/i);

    // A duplicate room name too.
    const room = `dup-room-${Date.now().toString(36)}`;
    await page.getByTestId('room-name').fill(room);
    await page.getByTestId('create-room').click();
    // Selected once the reply came (the periodic room reload may list it sooner).
    await page.locator('[data-testid="room-item"][aria-current="true"]', { hasText: room }).waitFor();
    await page.getByTestId('room-name').fill(room);
    await page.getByTestId('create-room').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').classList.contains('error'));
    assert.match(await page.getByTestId('status').textContent(), /taken/i);
    assert.deepEqual(page.pageErrors, []);
    await context.close();
    await second.context.close();
  });

  test('message text is shown as text, never as markup', async () => {
    const { page, context } = await newPage(browser);
    await signUp(page, chat.url, `mallory_${Date.now().toString(36)}`);
    await page.getByTestId('room-name').fill(`<b>room</b>-${Date.now().toString(36)}`);
    await page.getByTestId('create-room').click();
    await page.locator('[data-testid="room-item"][aria-current="true"]', { hasText: '<b>room</b>' }).waitFor();
    const nasty = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await page.getByTestId('message-input').fill(nasty);
    await page.getByTestId('send').click();
    await messageWith(page, '<img src=x').waitFor();
    assert.equal(await page.locator('[data-testid="message-text"]').first().textContent(), nasty);
    assert.equal(await page.locator('[data-testid="message-list"] img').count(), 0);
    assert.equal(await page.locator('[data-testid="room-list"] b').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  });
});
