/**
 * Reads big-endian fields off a buffer, refusing any field that would run past its end: a truncated frame or a
 * record whose length fields lie fails with the caller's own error, never with a RangeError or a short read.
 */
export class BoundedReader {
  offset = 0;

  constructor(
    private readonly buffer: Buffer,
    private readonly overrun: (length: number, offset: number) => Error,
  ) {}

  get done() {
    return this.offset >= this.buffer.length;
  }

  private take(length: number): number {
    if (length < 0 || this.offset + length > this.buffer.length) throw this.overrun(length, this.offset);
    const start = this.offset;
    this.offset += length;
    return start;
  }

  uint8 = () => this.buffer.readUInt8(this.take(1));
  int16 = () => this.buffer.readInt16BE(this.take(2));
  int32 = () => this.buffer.readInt32BE(this.take(4));
  int64 = () => Number(this.buffer.readBigInt64BE(this.take(8)));
  bytes = (length: number) => this.buffer.subarray(this.take(length), this.offset);
  utf8 = (length: number) => this.bytes(length).toString("utf8");
}
