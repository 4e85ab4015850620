/**
 * Reads an OTLP/HTTP protobuf trace export (`ExportTraceServiceRequest`) into plain spans.
 *
 * Written by hand because no installed package decodes OTLP: `@opentelemetry/otlp-transformer`
 * only encodes, and protobufjs would need the opentelemetry-proto `.proto` files, which are not
 * installed. The services export protobuf exactly as in production, so the test reads protobuf
 * rather than switching them to JSON. Only the fields the tracing tests look at are decoded;
 * field numbers are those of opentelemetry/proto/trace/v1/trace.proto and common/v1/common.proto.
 */

/** OTLP's SpanKind enum. */
export type SpanKindName =
  'unspecified' | 'internal' | 'server' | 'client' | 'producer' | 'consumer';

const SPAN_KINDS: readonly SpanKindName[] = [
  'unspecified',
  'internal',
  'server',
  'client',
  'producer',
  'consumer',
];

/** An attribute value as OTLP carries it (arrays and nested lists flattened to arrays). */
export type AttributeValue = string | number | boolean | readonly AttributeValue[] | undefined;

/** One exported span. */
export interface ReceivedSpan {
  /** `service.name` of the resource that exported it. */
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  /** Empty for a root span. */
  readonly parentSpanId: string;
  readonly name: string;
  readonly kind: SpanKindName;
  readonly startTimeUnixNano: bigint;
  readonly endTimeUnixNano: bigint;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

interface Field {
  readonly number: number;
  readonly wireType: number;
  /** The varint or fixed value; for length-delimited fields, the bytes. */
  readonly value: bigint | Uint8Array;
}

/** The fields of one protobuf message, in wire order. */
function fieldsOf(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  let offset = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[offset];
      if (byte === undefined) throw new Error('truncated varint in OTLP payload');
      offset += 1;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (offset < bytes.length) {
    const key = Number(varint());
    const number = key >>> 3;
    const wireType = key & 7;
    if (wireType === VARINT) {
      fields.push({ number, wireType, value: varint() });
    } else if (wireType === FIXED64) {
      fields.push({ number, wireType, value: view.getBigUint64(offset, true) });
      offset += 8;
    } else if (wireType === FIXED32) {
      fields.push({ number, wireType, value: BigInt(view.getUint32(offset, true)) });
      offset += 4;
    } else if (wireType === LENGTH_DELIMITED) {
      const length = Number(varint());
      fields.push({ number, wireType, value: bytes.subarray(offset, offset + length) });
      offset += length;
    } else {
      throw new Error(`unsupported protobuf wire type ${String(wireType)}`);
    }
  }
  return fields;
}

function messages(fields: readonly Field[], number: number): Uint8Array[] {
  return fields.flatMap((field) =>
    field.number === number && field.value instanceof Uint8Array ? [field.value] : [],
  );
}

function firstBytes(fields: readonly Field[], number: number): Uint8Array {
  return messages(fields, number)[0] ?? new Uint8Array();
}

function firstNumber(fields: readonly Field[], number: number): bigint {
  const field = fields.find((candidate) => candidate.number === number);
  return typeof field?.value === 'bigint' ? field.value : 0n;
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// AnyValue: 1 string, 2 bool, 3 int, 4 double, 5 array (ArrayValue.values = 1).
function anyValue(bytes: Uint8Array): AttributeValue {
  const [field] = fieldsOf(bytes);
  if (field === undefined) return undefined;
  const { number, value } = field;
  if (number === 1 && value instanceof Uint8Array) return text(value);
  if (number === 2 && typeof value === 'bigint') return value !== 0n;
  if (number === 3 && typeof value === 'bigint') return Number(BigInt.asIntN(64, value));
  if (number === 4 && typeof value === 'bigint') {
    const view = new DataView(new ArrayBuffer(8));
    view.setBigUint64(0, value, true);
    return view.getFloat64(0, true);
  }
  if (number === 5 && value instanceof Uint8Array) {
    return messages(fieldsOf(value), 1).map(anyValue);
  }
  return undefined;
}

// KeyValue: 1 key, 2 value.
function attributes(encoded: readonly Uint8Array[]): Record<string, AttributeValue> {
  const result: Record<string, AttributeValue> = {};
  for (const bytes of encoded) {
    const fields = fieldsOf(bytes);
    result[text(firstBytes(fields, 1))] = anyValue(firstBytes(fields, 2));
  }
  return result;
}

// Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind, 7 start and 8 end time,
// 9 attributes.
function span(bytes: Uint8Array, service: string): ReceivedSpan {
  const fields = fieldsOf(bytes);
  return {
    service,
    traceId: hex(firstBytes(fields, 1)),
    spanId: hex(firstBytes(fields, 2)),
    parentSpanId: hex(firstBytes(fields, 4)),
    name: text(firstBytes(fields, 5)),
    kind: SPAN_KINDS[Number(firstNumber(fields, 6))] ?? 'unspecified',
    startTimeUnixNano: firstNumber(fields, 7),
    endTimeUnixNano: firstNumber(fields, 8),
    attributes: attributes(messages(fields, 9)),
  };
}

/**
 * The spans of one export. ExportTraceServiceRequest: 1 resource_spans; ResourceSpans:
 * 1 resource (Resource.attributes = 1), 2 scope_spans; ScopeSpans: 2 spans.
 */
export function decodeOtlpTraces(body: Uint8Array): ReceivedSpan[] {
  return messages(fieldsOf(body), 1).flatMap((resourceSpans) => {
    const fields = fieldsOf(resourceSpans);
    const resource = attributes(messages(fieldsOf(firstBytes(fields, 1)), 1));
    const service = resource['service.name'];
    return messages(fields, 2).flatMap((scopeSpans) =>
      messages(fieldsOf(scopeSpans), 2).map((encoded) =>
        span(encoded, typeof service === 'string' ? service : ''),
      ),
    );
  });
}
