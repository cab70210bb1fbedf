package io.intake.vectors;

import io.intake.vectors.EmbeddedVectorStore.Chunk;
import io.intake.vectors.EmbeddedVectorStore.Codes;
import io.intake.vectors.EmbeddedVectorStore.Layout;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The embedded index as a file: its int8 codes, sign bits (or, below the exact threshold, its
 * floats) and filter fields, so a restart loads them instead of reading and quantizing every
 * vector again. The file says which database and transaction marker it is current up to; the
 * items changed since are read from PostgreSQL after loading (see VectorIndexVerticle).
 *
 * <p>Layout (big-endian): magic {@code INTAKEVX}, format version, then the header (model, database
 * identity, watermark, time written, dimension, exact flag, the sign bits' mean unless exact, item
 * count), the items (id, service code, severity code, status code, created_at in epoch ms, int8
 * scale, codes, then sign-bit words or floats), the three code tables, and a CRC32 of everything
 * before it followed by {@code INTAKEND}. A file that is short, fails its CRC, or has another
 * version, model, dimension or database is not used.
 *
 * <p>Written to a temporary file beside the target, forced to disk, renamed over the target and
 * the directory forced: a crash (kill -9, power) while writing leaves the previous file whole (and
 * a temporary file the next write removes).
 * The writer reads the store while its owner goes on writing (the store allows concurrent
 * readers): an item changed during the write may be saved in either state, and so may the items
 * that arrived meanwhile. That is why the watermark is taken before the write starts and the
 * catch-up re-reads everything from there on.
 */
public final class IndexSnapshot {

  static final int FORMAT = 1;
  private static final byte[] MAGIC = "INTAKEVX".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] END = "INTAKEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final int BUFFER = 1 << 20;

  /**
   * What a snapshot is valid for.
   *
   * @param watermark every transaction below this marker is reflected in the saved items
   */
  public record Header(String model, String database, long watermark, long writtenAtMillis, int dimension, int items) {
  }

  /** Why a file was not loaded: the caller logs it once and rebuilds from PostgreSQL. */
  public static final class Unusable extends Exception {
    Unusable(String reason) {
      super(reason, null, false, false);
    }
  }

  private IndexSnapshot() {
  }

  /** Writes {@code store} to {@code target} atomically; returns the header written. */
  public static Header write(EmbeddedVectorStore store, Path target, String model, String database, long watermark)
      throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String name = target.getFileName().toString();
    // What a writer killed half-way left behind; the file it was replacing is still whole.
    try (var leftovers = Files.newDirectoryStream(dir, name + "*.tmp")) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
      }
    }
    // A name of its own: two writers of one path (a misconfigured pair of members) never share a half-written file.
    Path temporary = Files.createTempFile(dir, name, ".tmp");
    Header header;
    try (FileOutputStream file = new FileOutputStream(temporary.toFile())) {
      CRC32 crc = new CRC32();
      DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(file, BUFFER), crc));
      header = writeItems(store, out, model, database, watermark);
      out.flush();
      int checksum = (int) crc.getValue();
      out.writeInt(checksum);
      out.write(END);
      out.flush();
      file.getChannel().force(true);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temporary);
      throw e;
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temporary);
      throw new IOException("cannot replace " + target + " atomically", e);
    }
    // The rename is only durable once the directory entry is.
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    } catch (IOException e) {
      // Not every file system lets a directory be opened for this; the rename itself was atomic.
    }
    return header;
  }

  private static Header writeItems(EmbeddedVectorStore store, DataOutputStream out, String model, String database,
      long watermark) throws IOException {
    // One consistent view: the count before the layout, as the store's readers take them.
    int n = store.size;
    Layout at = store.layout;
    int dim = store.dimension();
    int words = store.words;
    int live = 0;
    for (int s = 0; s < n; s++) {
      live += at.chunks()[s >>> EmbeddedVectorStore.CHUNK_BITS].statuses[s & EmbeddedVectorStore.MASK]
          == EmbeddedVectorStore.REMOVED ? 0 : 1;
    }
    Header header = new Header(model, database, watermark, System.currentTimeMillis(), dim, live);
    out.write(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(model == null ? "" : model);
    out.writeUTF(database);
    out.writeLong(watermark);
    out.writeLong(header.writtenAtMillis());
    out.writeInt(dim);
    out.writeBoolean(at.exact());
    if (!at.exact()) {
      for (float m : at.mean()) {
        out.writeFloat(m);
      }
    }
    out.writeInt(live);
    int written = 0;
    // Each item's fixed part is put together and written at once: a stream call per field made
    // the write and the load several times slower.
    ByteBuffer item = ByteBuffer.allocate(fixedBytes(dim, at.exact()));
    for (int s = 0; s < n && written < live; s++) {
      Chunk c = at.chunks()[s >>> EmbeddedVectorStore.CHUNK_BITS];
      int i = s & EmbeddedVectorStore.MASK;
      if (c.statuses[i] == EmbeddedVectorStore.REMOVED) {
        continue;
      }
      out.writeUTF(c.ids[i]);
      item.clear();
      item.putInt(c.services[i]).put(c.severities[i]).put(c.statuses[i]).putLong(c.created[i]).putFloat(c.scales[i])
          .put(c.codes, i * dim, dim);
      if (at.exact()) {
        item.asFloatBuffer().put(c.floats, i * dim, dim);
      } else {
        item.asLongBuffer().put(c.bits, i * words, words);
      }
      out.write(item.array(), 0, item.capacity());
      written++;
    }
    if (written != live) {
      throw new IOException("the index changed its slots while being written");
    }
    // After the items: a code an item refers to was made before the item was written.
    codes(out, store.services);
    codes(out, store.severities);
    codes(out, store.statuses);
    return header;
  }

  /** An item's bytes after its id: codes, filter fields, scale, then sign-bit words or floats. */
  private static int fixedBytes(int dim, boolean exact) {
    return 4 + 1 + 1 + 8 + 4 + dim + (exact ? dim * Float.BYTES : ((dim + 63) >>> 6) * Long.BYTES);
  }

  private static void codes(DataOutputStream out, Codes codes) throws IOException {
    Map<String, Integer> copy = Map.copyOf(codes.codes);
    out.writeInt(copy.size());
    for (Map.Entry<String, Integer> e : copy.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeInt(e.getValue());
    }
  }

  /**
   * Loads {@code source} into {@code store} (empty, its owner not yet serving) and returns its
   * header. On {@link Unusable} the store is left empty again.
   *
   * @param database the identity of the database the index is about to catch up from
   * @param mark     that database's current marker: a watermark above it means transaction ids went
   *                 back (the database was restored or recreated under the same identity)
   * @param model    the model of the vectors stored (null: the database holds none, any file will do)
   * @param dimension their dimension
   */
  public static Header read(Path source, EmbeddedVectorStore store, String database, long mark, String model,
      int dimension) throws Unusable, IOException {
    try (InputStream file = Files.newInputStream(source)) {
      CRC32 crc = new CRC32();
      DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(file, BUFFER), crc));
      Header header = readItems(in, store, database, mark, model, dimension);
      int computed = (int) crc.getValue();
      int stored = in.readInt();
      byte[] end = new byte[END.length];
      in.readFully(end);
      if (stored != computed || !Arrays.equals(end, END)) {
        throw new Unusable("its checksum does not match (a damaged file)");
      }
      return header;
    } catch (EOFException e) {
      store.clear();
      throw new Unusable("it ends early (a truncated file)");
    } catch (Unusable | IOException | RuntimeException e) {
      store.clear();
      if (e instanceof Unusable || e instanceof IOException) {
        throw e;
      }
      throw new Unusable("it cannot be read: " + e);
    }
  }

  private static Header readItems(DataInputStream in, EmbeddedVectorStore store, String database, long mark,
      String model, int dimension) throws IOException, Unusable {
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new Unusable("it is not an index snapshot");
    }
    int format = in.readInt();
    if (format != FORMAT) {
      throw new Unusable("it has format " + format + ", this version reads " + FORMAT);
    }
    String savedModel = in.readUTF();
    String savedDatabase = in.readUTF();
    long watermark = in.readLong();
    long writtenAt = in.readLong();
    int dim = in.readInt();
    if (!savedDatabase.equals(database)) {
      throw new Unusable("it was taken from another database (" + savedDatabase + ", this is " + database + ")");
    }
    if (watermark > mark) {
      throw new Unusable("its watermark " + watermark + " is ahead of the database's " + mark
          + " (a restored or recreated database)");
    }
    if (model != null && (!model.equals(savedModel) || dim != dimension)) {
      throw new Unusable("it holds " + savedModel + " vectors of " + dim + " dimensions, the database " + model + " of "
          + dimension);
    }
    if (dim <= 0) {
      throw new Unusable("it holds no vectors");
    }
    boolean exact = in.readBoolean();
    float[] mean = null;
    if (!exact) {
      mean = new float[dim];
      for (int d = 0; d < dim; d++) {
        mean[d] = in.readFloat();
      }
    }
    int items = in.readInt();
    int words = (dim + 63) >>> 6;
    Chunk[] chunks = new Chunk[(items + EmbeddedVectorStore.CHUNK - 1) >>> EmbeddedVectorStore.CHUNK_BITS];
    for (int c = 0; c < chunks.length; c++) {
      chunks[c] = new Chunk(dim, exact, words);
    }
    ByteBuffer item = ByteBuffer.allocate(fixedBytes(dim, exact));
    for (int s = 0; s < items; s++) {
      Chunk c = chunks[s >>> EmbeddedVectorStore.CHUNK_BITS];
      int i = s & EmbeddedVectorStore.MASK;
      c.ids[i] = in.readUTF();
      in.readFully(item.array());
      item.clear();
      c.services[i] = item.getInt();
      c.severities[i] = item.get();
      c.statuses[i] = item.get();
      c.created[i] = item.getLong();
      c.scales[i] = item.getFloat();
      item.get(c.codes, i * dim, dim);
      if (exact) {
        item.asFloatBuffer().get(c.floats, i * dim, dim);
      } else {
        item.asLongBuffer().get(c.bits, i * words, words);
      }
      store.slots.put(c.ids[i], s);
    }
    restore(in, store.services);
    restore(in, store.severities);
    restore(in, store.statuses);
    store.restore(new Layout(chunks, mean), items, dim);
    return new Header(savedModel.isEmpty() ? null : savedModel, savedDatabase, watermark, writtenAt, dim, items);
  }

  private static void restore(DataInputStream in, Codes codes) throws IOException {
    int n = in.readInt();
    for (int k = 0; k < n; k++) {
      codes.restore(in.readUTF(), in.readInt());
    }
  }
}
