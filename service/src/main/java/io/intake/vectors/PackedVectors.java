package io.intake.vectors;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Index entries in one byte array: how persistence hands the index its start-up pages. A page of a
 * thousand items as JSON records was turned into records, JSON, a deep copy on the bus and records
 * again, with each timestamp formatted and parsed on the way; packed, it is one array copy, and the
 * vectors stay the bytes PostgreSQL stored until the index quantizes them.
 *
 * <p>Per item: id, service, severity, status, model (each a big-endian u16 length and UTF-8, 0xFFFF
 * for null), created_at in epoch milliseconds ({@link Long#MIN_VALUE}: none), the vector's length
 * in bytes and the vector as stored (float32 little-endian). A zero length means the item has no
 * vector and leaves the index.
 */
public final class PackedVectors {

  private static final int NULL = 0xFFFF;

  private PackedVectors() {
  }

  /** Appends items; {@link #toBytes} gives the page. */
  public static final class Writer {
    private ByteBuffer out;
    private int count;

    public Writer(int expectedBytes) {
      out = ByteBuffer.allocate(Math.max(64, expectedBytes));
    }

    /** Copies an item's stored vector bytes into the page, without an array of its own in between. */
    @FunctionalInterface
    public interface VectorBytes {
      void copyTo(byte[] page, int offset);
    }

    /** @param vector float32 little-endian, or null: the item has no vector */
    public Writer add(String id, String service, String severity, String status, long createdMillis, String model,
        byte[] vector) {
      return add(id, service, severity, status, createdMillis, model, vector == null ? 0 : vector.length,
          (page, offset) -> System.arraycopy(vector, 0, page, offset, vector.length));
    }

    /** @param length the vector's length in bytes (0: the item has no vector, {@code vector} is not called) */
    public Writer add(String id, String service, String severity, String status, long createdMillis, String model,
        int length, VectorBytes vector) {
      room(5 * 2 + 8 + 4 + length + 3 * (id.length() + length(service) + length(severity) + length(status) + length(model)));
      string(id);
      string(service);
      string(severity);
      string(status);
      string(model);
      out.putLong(createdMillis);
      out.putInt(length);
      if (length > 0) {
        vector.copyTo(out.array(), out.position());
        out.position(out.position() + length);
      }
      count++;
      return this;
    }

    public Writer add(VectorRecord r) {
      return add(r.id(), r.service(), r.severity(), r.status(),
          r.createdAt() == null ? Long.MIN_VALUE : r.createdAt().toEpochMilli(), r.model(),
          io.intake.embedding.Vectors.toBytes(r.vector()));
    }

    public int count() {
      return count;
    }

    public byte[] toBytes() {
      return Arrays.copyOf(out.array(), out.position());
    }

    private static int length(String s) {
      return s == null ? 0 : s.length();
    }

    private void string(String s) {
      if (s == null) {
        out.putShort((short) NULL);
        return;
      }
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      if (utf8.length >= NULL) {
        throw new IllegalArgumentException("string of " + utf8.length + " bytes is too long for a packed entry");
      }
      out.putShort((short) utf8.length);
      out.put(utf8);
    }

    private void room(int bytes) {
      if (out.remaining() < bytes) {
        ByteBuffer grown = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + bytes));
        grown.put(out.array(), 0, out.position());
        out = grown;
      }
    }
  }

  /** Walks the items of a page; the current item's fields are read after each {@link #next}. */
  public static final class Reader {
    private final ByteBuffer in;
    private String id;
    private String service;
    private String severity;
    private String status;
    private String model;
    private long createdMillis;
    private int vectorOffset;
    private int vectorLength;

    public Reader(byte[] page) {
      in = ByteBuffer.wrap(page);
    }

    public boolean next() {
      if (!in.hasRemaining()) {
        return false;
      }
      id = string();
      service = string();
      severity = string();
      status = string();
      model = string();
      createdMillis = in.getLong();
      vectorLength = in.getInt();
      vectorOffset = in.position();
      in.position(vectorOffset + vectorLength);
      return true;
    }

    public String id() {
      return id;
    }

    public String service() {
      return service;
    }

    public String severity() {
      return severity;
    }

    public String status() {
      return status;
    }

    public String model() {
      return model;
    }

    public long createdMillis() {
      return createdMillis;
    }

    /** Dimensions of the current item's vector; 0 when it has none. */
    public int dimension() {
      return vectorLength / Float.BYTES;
    }

    /** The current item's vector into {@code into[0, dimension())}. */
    public void vector(float[] into) {
      ByteBuffer.wrap(in.array(), vectorOffset, vectorLength).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()
          .get(into, 0, dimension());
    }

    private String string() {
      int length = in.getShort() & 0xFFFF;
      if (length == NULL) {
        return null;
      }
      String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
      in.position(in.position() + length);
      return s;
    }
  }
}
