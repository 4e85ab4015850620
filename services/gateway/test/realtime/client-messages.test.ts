import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '../../src/realtime/client-messages.ts';

function refusal(text: string) {
  const parsed = parseClientMessage(text);
  if (parsed.ok) throw new Error(`accepted ${text}`);
  return parsed.error;
}

describe('client messages', () => {
  it('accepts each message type of the schema', () => {
    const accepted = [
      { type: 'chat.message', requestId: 'r1', workspaceId: 'wsp_1', content: 'How many deals?' },
      { type: 'chat.message', sessionId: 'ses_1', content: 'And now?' },
      { type: 'chat.resume', sessionId: 'ses_1', messageId: 'msg_1', lastEventId: 4 },
      { type: 'chat.resume', sessionId: 'ses_1', messageId: 'msg_1', lastEventId: 0 },
      { type: 'chat.cancel', sessionId: 'ses_1' },
      { type: 'ping' },
    ];
    for (const message of accepted) {
      expect(parseClientMessage(JSON.stringify(message))).toEqual({ ok: true, message });
    }
  });

  it('refuses text that is not one JSON object', () => {
    for (const text of ['not json', '[]', '"chat.message"', 'null', '{"type":']) {
      expect(refusal(text).code, text).toBe('GW_WS_INVALID_JSON');
    }
  });

  it('names the known types when the type is unknown or missing', () => {
    const error = refusal('{"type":"chat.delete","requestId":"r9"}');
    expect(error).toMatchObject({ type: 'error', code: 'GW_WS_UNKNOWN_TYPE', requestId: 'r9' });
    expect(error.message).toContain('chat.message, chat.resume, chat.cancel, ping');
    expect(refusal('{"content":"hi"}').code).toBe('GW_WS_UNKNOWN_TYPE');
  });

  it('says which field is wrong, echoing the request id', () => {
    const empty = refusal('{"type":"chat.message","requestId":"r2","sessionId":"s","content":""}');
    expect(empty).toMatchObject({ code: 'GW_WS_INVALID_MESSAGE', requestId: 'r2' });
    expect(empty.message).toMatch(/^content: /);
    const negative = refusal(
      '{"type":"chat.resume","sessionId":"s","messageId":"m","lastEventId":-1}',
    );
    expect(negative.message).toMatch(/^lastEventId: /);
    const textId = refusal(
      '{"type":"chat.resume","sessionId":"s","messageId":"m","lastEventId":"4"}',
    );
    expect(textId.message).toMatch(/^lastEventId: /);
    expect(refusal('{"type":"chat.resume","sessionId":"s","lastEventId":1}').message).toContain(
      'messageId',
    );
  });

  it('refuses fields the schema does not have, so typos do not pass silently', () => {
    const error = refusal('{"type":"chat.message","sessionID":"s","content":"hi"}');
    expect(error).toMatchObject({
      code: 'GW_WS_INVALID_MESSAGE',
      message: 'sessionID: is not a field of chat.message.',
    });
  });

  it('needs a session or a workspace to ask in', () => {
    const error = refusal('{"type":"chat.message","content":"hi"}');
    expect(error.message).toContain('sessionId, or a workspaceId');
  });

  it('refuses a question longer than chat accepts', () => {
    const content = 'x'.repeat(20_001);
    expect(refusal(JSON.stringify({ type: 'chat.message', sessionId: 's', content })).code).toBe(
      'GW_WS_INVALID_MESSAGE',
    );
  });
});
