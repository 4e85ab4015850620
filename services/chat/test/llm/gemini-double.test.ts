import { createPartFromFunctionResponse, GoogleGenAI } from '@google/genai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiDouble } from '../support/gemini-double.ts';
import type { GeminiDouble } from '../support/gemini-double.ts';

let double: GeminiDouble;
let client: GoogleGenAI;

beforeEach(async () => {
  double = await startGeminiDouble();
  client = new GoogleGenAI({
    apiKey: 'key',
    vertexai: false,
    httpOptions: { baseUrl: double.baseUrl },
  });
});

afterEach(async () => {
  await double.close();
});

describe('Gemini double', () => {
  it('answers generateContent with the whole scripted turn', async () => {
    double.enqueue({ text: ['Two ', 'bases.'] });

    const response = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Bases?',
    });

    expect(response.text).toBe('Two bases.');
    expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    expect(double.requests[0]?.method).toBe('generateContent');
  });

  it('computes answers from the request when nothing is queued', async () => {
    double.respondWith((request) => {
      const last = request.body.contents.at(-1)?.parts[0]?.functionResponse;
      return last === undefined
        ? { functionCalls: [{ id: 'c1', name: 'list_bases' }] }
        : { text: `Got ${JSON.stringify(last.response)}` };
    });

    const first = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: 'Bases?',
    });
    const second = await client.models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [
        { role: 'user', parts: [{ text: 'Bases?' }] },
        { role: 'model', parts: [{ functionCall: { id: 'c1', name: 'list_bases', args: {} } }] },
        { role: 'user', parts: [createPartFromFunctionResponse('c1', 'list_bases', { count: 2 })] },
      ],
    });

    expect(first.functionCalls).toEqual([{ id: 'c1', name: 'list_bases', args: {} }]);
    expect(second.text).toBe('Got {"count":2}');
  });

  it('sends usage cumulative per streamed chunk', async () => {
    double.enqueue({ text: ['aaaa', 'bbbbbbbb', 'cc'] });

    const stream = await client.models.generateContentStream({
      model: 'gemini-2.5-flash',
      contents: 'Go',
    });
    const counts: (number | undefined)[] = [];
    for await (const chunk of stream) counts.push(chunk.usageMetadata?.candidatesTokenCount);

    expect(counts).toHaveLength(3);
    expect(counts).toEqual([...counts].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(counts).size).toBe(3);
  });
});
