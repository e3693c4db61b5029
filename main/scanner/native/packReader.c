// Reads blobs straight out of a repository's pack files for a scan worker, in place of a `git cat-file
// --batch` process: the same inflating and delta applying git does, without copying every byte of the
// history through a pipe and out again (docs/scanner.md has the numbers). Only the common case is read
// here: version 2 indexes of SHA-1 objects in the repository's own packs. Anything else (a loose
// object, an alternate, a damaged entry) answers "not here" and the worker asks cat-file, which reads
// it or says what is wrong with it.
//
// The JavaScript side (main/scanner/packedBlobs.ts) sees four functions: open, read, copyTo, close.
#define NAPI_VERSION 8
#include <node_api.h>
#include <zlib.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OID_BYTES 20
#define INDEX_HEADER_BYTES 8
#define FANOUT_BYTES (256 * 4)
#define PACK_HEADER_BYTES 12
#define TRAILER_BYTES 20
#define OBJ_BLOB 3
#define OBJ_OFS_DELTA 6
#define OBJ_REF_DELTA 7
/** Longest delta chain followed: git writes 50 at most by default; a loop in a damaged pack ends here. */
#define MAX_CHAIN 10000
/**
 * Bytes read from a pack at once at least: the entries asked for one after another are often close. An
 * entry is 390 bytes on average (eslint/eslint) and a delta chain jumps about the pack: reading 32 KiB at a
 * time copied 825 MB out of an 88 MB pack for the first 20,000 blobs (24,747 reads); 4 KiB copies 153 MB
 * in 30,450 reads, for 3-13% less CPU in the reader.
 */
#define MIN_READ_BYTES (4 * 1024)
#define CACHE_BUCKETS 16384
/** What `read` answers for an object this reader cannot give: the caller asks cat-file. */
#define NOT_HERE (-1)

typedef struct {
  uint8_t *index;
  uint32_t count;
  const uint8_t *names;
  const uint8_t *offsets;
  const uint8_t *large_offsets;
  uint32_t large_count;
  int fd;
  /** Where the entries end: the trailer's checksum follows. */
  uint64_t entries_end;
  /** Every entry's offset, ascending: an entry ends where the next begins. */
  uint64_t *sorted;
} Pack;

typedef struct CacheEntry {
  uint64_t key;
  uint8_t *data;
  size_t size;
  struct CacheEntry *older, *newer, *next_in_bucket;
} CacheEntry;

typedef struct {
  uint32_t pack;
  uint64_t offset;
  uint64_t data_at;
  uint64_t end;
  uint64_t size;
} ChainLink;

typedef struct {
  Pack *packs;
  uint32_t pack_count;
  /** Bytes read from a pack, and which pack and where they start. */
  uint8_t *window;
  size_t window_capacity;
  size_t window_length;
  int64_t window_pack;
  uint64_t window_start;
  z_stream zs;
  int zs_ready;
  /** Decoded objects kept for the deltas that follow them, newest first, within `cache_limit` bytes. */
  CacheEntry *buckets[CACHE_BUCKETS];
  CacheEntry *newest, *oldest;
  size_t cache_bytes, cache_limit;
  ChainLink *chain;
  /** The object `read` decoded last, for `copyTo`: in the cache, or owned here when too big for it. */
  const uint8_t *last;
  size_t last_size;
  uint8_t *last_owned;
  int closed;
} Reader;

static uint32_t be32(const uint8_t *p) { return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3]; }

static int compare_offsets(const void *left, const void *right) {
  uint64_t a = *(const uint64_t *)left, b = *(const uint64_t *)right;
  return a < b ? -1 : a > b;
}

static uint8_t *read_whole(int fd, size_t size) {
  uint8_t *bytes = malloc(size ? size : 1);
  if (!bytes) return NULL;
  size_t done = 0;
  while (done < size) {
    ssize_t got = pread(fd, bytes + done, size - done, (off_t)done);
    if (got <= 0) {
      free(bytes);
      return NULL;
    }
    done += (size_t)got;
  }
  return bytes;
}

/** Opens one index and its pack; 0 when either is not what this reader knows (then it is left to git). */
static int open_pack(Pack *pack, const char *index_path) {
  memset(pack, 0, sizeof *pack);
  pack->fd = -1;
  size_t path_length = strlen(index_path);
  char *pack_path = malloc(path_length + 2);
  if (!pack_path) return 0;
  memcpy(pack_path, index_path, path_length - 4);
  strcpy(pack_path + path_length - 4, ".pack");
  // Never through a link: a pack that leads elsewhere is not this repository's to read.
  int index_fd = open(index_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  int pack_fd = open(pack_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  free(pack_path);
  struct stat index_stat, pack_stat;
  if (index_fd < 0 || pack_fd < 0 || fstat(index_fd, &index_stat) != 0 || fstat(pack_fd, &pack_stat) != 0) goto fail;
  size_t index_size = (size_t)index_stat.st_size;
  if (index_size < INDEX_HEADER_BYTES + FANOUT_BYTES + 2 * TRAILER_BYTES) goto fail;
  if ((uint64_t)pack_stat.st_size < PACK_HEADER_BYTES + TRAILER_BYTES) goto fail;
  pack->index = read_whole(index_fd, index_size);
  if (!pack->index) goto fail;
  const uint8_t *index = pack->index;
  if (be32(index) != 0xff744f63 || be32(index + 4) != 2) goto fail;
  uint32_t count = be32(index + INDEX_HEADER_BYTES + 255 * 4);
  size_t fixed = INDEX_HEADER_BYTES + FANOUT_BYTES + (size_t)count * (OID_BYTES + 4 + 4);
  // SHA-1 only: the size must come out exactly, with whole 8-byte large offsets before the trailer.
  if (fixed + 2 * TRAILER_BYTES > index_size || (index_size - fixed - 2 * TRAILER_BYTES) % 8 != 0) goto fail;
  pack->count = count;
  pack->names = index + INDEX_HEADER_BYTES + FANOUT_BYTES;
  pack->offsets = pack->names + (size_t)count * (OID_BYTES + 4);
  pack->large_offsets = pack->offsets + (size_t)count * 4;
  pack->large_count = (uint32_t)((index_size - fixed - 2 * TRAILER_BYTES) / 8);
  pack->entries_end = (uint64_t)pack_stat.st_size - TRAILER_BYTES;
  pack->sorted = malloc(((size_t)count + 1) * sizeof(uint64_t));
  if (!pack->sorted) goto fail;
  for (uint32_t i = 0; i < count; i++) {
    uint32_t offset = be32(pack->offsets + (size_t)i * 4);
    if (offset & 0x80000000u) {
      uint32_t large = offset & 0x7fffffffu;
      if (large >= pack->large_count) goto fail;
      const uint8_t *p = pack->large_offsets + (size_t)large * 8;
      pack->sorted[i] = ((uint64_t)be32(p) << 32) | be32(p + 4);
    } else {
      pack->sorted[i] = offset;
    }
    if (pack->sorted[i] < PACK_HEADER_BYTES || pack->sorted[i] >= pack->entries_end) goto fail;
  }
  qsort(pack->sorted, count, sizeof(uint64_t), compare_offsets);
  pack->sorted[count] = pack->entries_end;
  uint8_t header[PACK_HEADER_BYTES];
  if (pread(pack_fd, header, sizeof header, 0) != (ssize_t)sizeof header || memcmp(header, "PACK", 4) != 0) goto fail;
  if ((be32(header + 4) != 2 && be32(header + 4) != 3) || be32(header + 8) != count) goto fail;
  close(index_fd);
  pack->fd = pack_fd;
  return 1;
fail:
  if (index_fd >= 0) close(index_fd);
  if (pack_fd >= 0) close(pack_fd);
  free(pack->index);
  free(pack->sorted);
  memset(pack, 0, sizeof *pack);
  pack->fd = -1;
  return 0;
}

/** The offset of the object named `oid` in `pack`, or 0 when the pack has no such object. */
static uint64_t find_in_pack(const Pack *pack, const uint8_t *oid) {
  const uint8_t *fanout = pack->index + INDEX_HEADER_BYTES;
  uint32_t low = oid[0] ? be32(fanout + (oid[0] - 1) * 4) : 0;
  uint32_t high = be32(fanout + oid[0] * 4);
  if (high > pack->count) return 0;
  while (low < high) {
    uint32_t middle = low + (high - low) / 2;
    int order = memcmp(pack->names + (size_t)middle * OID_BYTES, oid, OID_BYTES);
    if (order == 0) {
      uint32_t offset = be32(pack->offsets + (size_t)middle * 4);
      if (!(offset & 0x80000000u)) return offset;
      const uint8_t *p = pack->large_offsets + (size_t)(offset & 0x7fffffffu) * 8;
      return ((uint64_t)be32(p) << 32) | be32(p + 4);
    }
    if (order < 0) low = middle + 1;
    else high = middle;
  }
  return 0;
}

static int find_object(const Reader *reader, const uint8_t *oid, uint32_t *pack, uint64_t *offset) {
  for (uint32_t i = 0; i < reader->pack_count; i++) {
    uint64_t found = find_in_pack(&reader->packs[i], oid);
    if (found) {
      *pack = i;
      *offset = found;
      return 1;
    }
  }
  return 0;
}

/** Where the entry at `offset` ends: where the next one begins (or the trailer). */
static uint64_t entry_end(const Pack *pack, uint64_t offset) {
  uint32_t low = 0, high = pack->count + 1;
  while (low < high) {
    uint32_t middle = low + (high - low) / 2;
    if (pack->sorted[middle] <= offset) low = middle + 1;
    else high = middle;
  }
  return low <= pack->count ? pack->sorted[low] : pack->entries_end;
}

/** The bytes [start, end) of a pack, through the window; NULL when they cannot be read. */
static const uint8_t *pack_bytes(Reader *reader, uint32_t pack_number, uint64_t start, uint64_t end) {
  if (reader->window_pack == (int64_t)pack_number && start >= reader->window_start &&
      end <= reader->window_start + reader->window_length) {
    return reader->window + (start - reader->window_start);
  }
  const Pack *pack = &reader->packs[pack_number];
  uint64_t wanted = end - start;
  uint64_t length = wanted < MIN_READ_BYTES ? MIN_READ_BYTES : wanted;
  if (start + length > pack->entries_end + TRAILER_BYTES) length = pack->entries_end + TRAILER_BYTES - start;
  if (length < wanted || length > SIZE_MAX / 2) return NULL;
  if (length > reader->window_capacity) {
    uint8_t *grown = realloc(reader->window, length);
    if (!grown) return NULL;
    reader->window = grown;
    reader->window_capacity = length;
  }
  reader->window_pack = -1;
  size_t done = 0;
  while (done < length) {
    ssize_t got = pread(pack->fd, reader->window + done, length - done, (off_t)(start + done));
    if (got <= 0) break;
    done += (size_t)got;
  }
  if (done < wanted) return NULL;
  reader->window_pack = pack_number;
  reader->window_start = start;
  reader->window_length = done;
  return reader->window;
}

/** An entry's type and size, and where its data (after an OFS_DELTA's distance or a REF_DELTA's base) begins. */
typedef struct {
  int type;
  uint64_t size;
  uint64_t data_at;
  uint64_t end;
  uint64_t base_offset;
  uint32_t base_pack;
} Entry;

static int read_entry(Reader *reader, uint32_t pack_number, uint64_t offset, Entry *entry) {
  const Pack *pack = &reader->packs[pack_number];
  uint64_t end = entry_end(pack, offset);
  if (end <= offset) return 0;
  uint64_t header_end = offset + 32 < end ? offset + 32 : end;
  const uint8_t *p = pack_bytes(reader, pack_number, offset, header_end);
  if (!p) return 0;
  size_t at = 0, available = (size_t)(header_end - offset);
  uint8_t byte = p[at++];
  entry->type = (byte >> 4) & 7;
  uint64_t size = byte & 15;
  int shift = 4;
  while (byte & 0x80) {
    if (at >= available || shift > 60) return 0;
    byte = p[at++];
    size |= (uint64_t)(byte & 0x7f) << shift;
    shift += 7;
  }
  entry->size = size;
  entry->end = end;
  if (entry->type == OBJ_OFS_DELTA) {
    if (at >= available) return 0;
    byte = p[at++];
    uint64_t distance = byte & 0x7f;
    while (byte & 0x80) {
      if (at >= available || distance > (UINT64_MAX >> 8)) return 0;
      byte = p[at++];
      distance = ((distance + 1) << 7) | (byte & 0x7f);
    }
    if (distance == 0 || distance > offset) return 0;
    entry->base_pack = pack_number;
    entry->base_offset = offset - distance;
  } else if (entry->type == OBJ_REF_DELTA) {
    if (at + OID_BYTES > available) return 0;
    uint8_t base[OID_BYTES];
    memcpy(base, p + at, OID_BYTES);
    at += OID_BYTES;
    if (!find_object(reader, base, &entry->base_pack, &entry->base_offset)) return 0;
  } else if (entry->type < 1 || entry->type > 4) {
    return 0;
  }
  entry->data_at = offset + at;
  return 1;
}

/** Inflates an entry's data, which must come to exactly `size` bytes, into `out`. */
static int inflate_entry(Reader *reader, uint32_t pack_number, uint64_t data_at, uint64_t end, uint8_t *out, uint64_t size) {
  const uint8_t *input = pack_bytes(reader, pack_number, data_at, end);
  if (!input) return 0;
  z_stream *zs = &reader->zs;
  if (!reader->zs_ready) {
    memset(zs, 0, sizeof *zs);
    if (inflateInit(zs) != Z_OK) return 0;
    reader->zs_ready = 1;
  } else if (inflateReset(zs) != Z_OK) {
    return 0;
  }
  uint8_t spare;
  zs->next_in = (Bytef *)input;
  zs->avail_in = (uInt)(end - data_at);
  // A zero-byte object still has a stream to end: give it somewhere to write nothing.
  zs->next_out = size ? out : &spare;
  zs->avail_out = (uInt)size;
  if ((uint64_t)zs->avail_in != end - data_at || (uint64_t)zs->avail_out != size) return 0;
  int status = inflate(zs, Z_FINISH);
  return status == Z_STREAM_END && zs->total_out == size;
}

static uint64_t delta_size(const uint8_t **p, const uint8_t *end, int *ok) {
  uint64_t size = 0;
  int shift = 0;
  uint8_t byte;
  do {
    if (*p >= end || shift > 63) {
      *ok = 0;
      return 0;
    }
    byte = *(*p)++;
    size |= (uint64_t)(byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return size;
}

/** Applies a git delta to `base`; a new buffer of `*result_size` bytes, or NULL when the delta is damaged. */
static uint8_t *apply_delta(const uint8_t *base, size_t base_size, const uint8_t *delta, size_t delta_length, size_t *result_size, size_t limit) {
  const uint8_t *p = delta, *end = delta + delta_length;
  int ok = 1;
  uint64_t source = delta_size(&p, end, &ok);
  uint64_t target = delta_size(&p, end, &ok);
  if (!ok || source != base_size || target > limit) return NULL;
  uint8_t *out = malloc(target ? target : 1);
  if (!out) return NULL;
  uint8_t *write = out, *write_end = out + target;
  while (p < end) {
    uint8_t command = *p++;
    if (command & 0x80) {
      uint64_t from = 0, length = 0;
      for (int bit = 0; bit < 4; bit++)
        if (command & (1 << bit)) {
          if (p >= end) goto damaged;
          from |= (uint64_t)*p++ << (8 * bit);
        }
      for (int bit = 0; bit < 3; bit++)
        if (command & (0x10 << bit)) {
          if (p >= end) goto damaged;
          length |= (uint64_t)*p++ << (8 * bit);
        }
      if (length == 0) length = 0x10000;
      if (from + length > base_size || length > (uint64_t)(write_end - write)) goto damaged;
      memcpy(write, base + from, length);
      write += length;
    } else if (command) {
      if (command > end - p || command > write_end - write) goto damaged;
      memcpy(write, p, command);
      write += command;
      p += command;
    } else {
      goto damaged;
    }
  }
  if (write != write_end) goto damaged;
  *result_size = target;
  return out;
damaged:
  free(out);
  return NULL;
}

static uint64_t cache_key(uint32_t pack, uint64_t offset) { return ((uint64_t)pack << 48) ^ offset; }
static size_t bucket_of(uint64_t key) { return (size_t)((key * 0x9E3779B97F4A7C15ull) >> 50) & (CACHE_BUCKETS - 1); }

static CacheEntry *cache_find(Reader *reader, uint64_t key) {
  for (CacheEntry *entry = reader->buckets[bucket_of(key)]; entry; entry = entry->next_in_bucket) {
    if (entry->key != key) continue;
    if (entry != reader->newest) {
      entry->newer->older = entry->older;
      if (entry->older) entry->older->newer = entry->newer;
      else reader->oldest = entry->newer;
      entry->older = reader->newest;
      entry->newer = NULL;
      reader->newest->newer = entry;
      reader->newest = entry;
    }
    return entry;
  }
  return NULL;
}

static void cache_drop_oldest(Reader *reader) {
  CacheEntry *entry = reader->oldest;
  reader->oldest = entry->newer;
  if (reader->oldest) reader->oldest->older = NULL;
  else reader->newest = NULL;
  CacheEntry **link = &reader->buckets[bucket_of(entry->key)];
  while (*link != entry) link = &(*link)->next_in_bucket;
  *link = entry->next_in_bucket;
  reader->cache_bytes -= entry->size;
  free(entry->data);
  free(entry);
}

/** Keeps `data` (taken over) for later deltas; 0 when it is too big to keep, and the caller still owns it. */
static int cache_add(Reader *reader, uint64_t key, uint8_t *data, size_t size) {
  if (size > reader->cache_limit / 4) return 0;
  CacheEntry *entry = malloc(sizeof *entry);
  if (!entry) return 0;
  while (reader->oldest && reader->cache_bytes + size > reader->cache_limit) cache_drop_oldest(reader);
  size_t bucket = bucket_of(key);
  *entry = (CacheEntry){ .key = key, .data = data, .size = size, .older = reader->newest, .newer = NULL, .next_in_bucket = reader->buckets[bucket] };
  reader->buckets[bucket] = entry;
  if (reader->newest) reader->newest->newer = entry;
  else reader->oldest = entry;
  reader->newest = entry;
  reader->cache_bytes += size;
  return 1;
}

static void forget_last(Reader *reader) {
  free(reader->last_owned);
  reader->last_owned = NULL;
  reader->last = NULL;
  reader->last_size = 0;
}

/**
 * Decodes the object at `offset`: walks its delta chain down to a cached object or a whole one, then
 * applies the deltas back up, keeping each result. Returns its size, or NOT_HERE; when it comes out
 * larger than `limit`, only its size (the object is not built).
 */
static int64_t decode(Reader *reader, uint32_t pack_number, uint64_t offset, uint64_t limit) {
  uint32_t depth = 0;
  const uint8_t *base = NULL;
  size_t base_size = 0;
  uint8_t *base_owned = NULL;
  for (;;) {
    CacheEntry *cached = cache_find(reader, cache_key(pack_number, offset));
    if (cached) {
      base = cached->data;
      base_size = cached->size;
      break;
    }
    Entry entry;
    if (!read_entry(reader, pack_number, offset, &entry)) return NOT_HERE;
    if (entry.type == OBJ_OFS_DELTA || entry.type == OBJ_REF_DELTA) {
      if (depth == MAX_CHAIN) return NOT_HERE;
      reader->chain[depth++] = (ChainLink){ .pack = pack_number, .offset = offset, .data_at = entry.data_at, .end = entry.end, .size = entry.size };
      pack_number = entry.base_pack;
      offset = entry.base_offset;
      continue;
    }
    if (entry.type != OBJ_BLOB) return NOT_HERE;
    if (depth == 0 && entry.size > limit) return (int64_t)entry.size;
    if (entry.size > SIZE_MAX / 2) return NOT_HERE;
    uint8_t *whole = malloc(entry.size ? entry.size : 1);
    if (!whole) return NOT_HERE;
    if (!inflate_entry(reader, pack_number, entry.data_at, entry.end, whole, entry.size)) {
      free(whole);
      return NOT_HERE;
    }
    base = whole;
    base_size = entry.size;
    if (!cache_add(reader, cache_key(pack_number, offset), whole, entry.size)) base_owned = whole;
    break;
  }
  while (depth > 0) {
    ChainLink link = reader->chain[--depth];
    uint8_t *delta = malloc(link.size ? link.size : 1);
    size_t result_size = 0;
    uint8_t *result = NULL;
    if (delta && link.size <= SIZE_MAX / 2 &&
        inflate_entry(reader, link.pack, link.data_at, link.end, delta, link.size)) {
      if (depth == 0) {
        // The object asked for: its size is in the delta's header; a large one is not built.
        const uint8_t *p = delta, *end = delta + link.size;
        int ok = 1;
        delta_size(&p, end, &ok);
        uint64_t size = delta_size(&p, end, &ok);
        if (ok && size > limit) {
          free(delta);
          free(base_owned);
          return (int64_t)size;
        }
      }
      result = apply_delta(base, base_size, delta, (size_t)link.size, &result_size, SIZE_MAX / 2);
    }
    free(delta);
    free(base_owned);
    base_owned = NULL;
    if (!result) return NOT_HERE;
    base = result;
    base_size = result_size;
    if (!cache_add(reader, cache_key(link.pack, link.offset), result, result_size)) base_owned = result;
  }
  reader->last = base;
  reader->last_size = base_size;
  reader->last_owned = base_owned;
  return (int64_t)base_size;
}

static void close_reader(Reader *reader) {
  if (reader->closed) return;
  reader->closed = 1;
  forget_last(reader);
  while (reader->oldest) cache_drop_oldest(reader);
  for (uint32_t i = 0; i < reader->pack_count; i++) {
    close(reader->packs[i].fd);
    free(reader->packs[i].index);
    free(reader->packs[i].sorted);
  }
  free(reader->packs);
  reader->packs = NULL;
  reader->pack_count = 0;
  free(reader->window);
  reader->window = NULL;
  free(reader->chain);
  reader->chain = NULL;
  if (reader->zs_ready) inflateEnd(&reader->zs);
  reader->zs_ready = 0;
}

static void finalize_reader(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  close_reader(data);
  free(data);
}

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/** The call's first `count` arguments, the first of them a reader: it, or NULL when it is not one. */
static Reader *reader_call(napi_env env, napi_callback_info info, size_t count, napi_value *argv) {
  size_t argc = count;
  void *data = NULL;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < count) return NULL;
  if (napi_get_value_external(env, argv[0], &data) != napi_ok) return NULL;
  return data;
}

/** open(packDirectory: string, cacheBytes: number): a reader over the folder's packs (none is fine). */
static napi_value open_reader(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  char directory[4096];
  size_t directory_length = 0;
  double cache_bytes = 0;
  if (argc < 2 || napi_get_value_string_utf8(env, argv[0], directory, sizeof directory, &directory_length) != napi_ok ||
      directory_length + 1 >= sizeof directory || napi_get_value_double(env, argv[1], &cache_bytes) != napi_ok || !(cache_bytes >= 0)) {
    return throw_error(env, "open(packDirectory, cacheBytes) takes a folder and a byte count");
  }
  Reader *reader = calloc(1, sizeof *reader);
  if (!reader) return throw_error(env, "out of memory");
  reader->cache_limit = (size_t)cache_bytes;
  reader->window_pack = -1;
  reader->chain = malloc(MAX_CHAIN * sizeof(ChainLink));
  DIR *folder = opendir(directory);
  if (folder && reader->chain) {
    struct dirent *item;
    uint32_t capacity = 0;
    while ((item = readdir(folder))) {
      size_t length = strlen(item->d_name);
      if (length < 5 || strcmp(item->d_name + length - 4, ".idx") != 0) continue;
      if (reader->pack_count == capacity) {
        capacity = capacity ? capacity * 2 : 8;
        Pack *grown = realloc(reader->packs, capacity * sizeof(Pack));
        if (!grown) break;
        reader->packs = grown;
      }
      char path[4096 + 256];
      snprintf(path, sizeof path, "%s/%s", directory, item->d_name);
      if (open_pack(&reader->packs[reader->pack_count], path)) reader->pack_count++;
    }
    closedir(folder);
  } else if (folder) {
    closedir(folder);
  }
  napi_value external;
  if (napi_create_external(env, reader, finalize_reader, NULL, &external) != napi_ok) {
    close_reader(reader);
    free(reader);
    return throw_error(env, "could not make the reader");
  }
  return external;
}

static napi_value number(napi_env env, double value) {
  napi_value result = NULL;
  napi_create_double(env, value, &result);
  return result;
}

static int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/**
 * read(reader, oid: string, maxBytes: number): the blob's size, decoded and held for copyTo when it is
 * at most maxBytes; -1 when it is not in these packs or cannot be read here.
 */
static napi_value read_blob(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  Reader *reader = reader_call(env, info, 3, argv);
  char hex[2 * OID_BYTES + 2];
  size_t hex_length = 0;
  double limit = 0;
  if (!reader || napi_get_value_string_utf8(env, argv[1], hex, sizeof hex, &hex_length) != napi_ok ||
      napi_get_value_double(env, argv[2], &limit) != napi_ok || !(limit >= 0)) {
    return throw_error(env, "read(reader, oid, maxBytes) takes a reader, an object id and a byte count");
  }
  forget_last(reader);
  int64_t answer = NOT_HERE;
  uint8_t oid[OID_BYTES];
  int valid = !reader->closed && hex_length == 2 * OID_BYTES;
  for (size_t i = 0; valid && i < OID_BYTES; i++) {
    int high = hex_value(hex[2 * i]), low = hex_value(hex[2 * i + 1]);
    if (high < 0 || low < 0) valid = 0;
    else oid[i] = (uint8_t)(high << 4 | low);
  }
  uint32_t pack;
  uint64_t offset;
  if (valid && find_object(reader, oid, &pack, &offset)) {
    answer = decode(reader, pack, offset, limit >= 9e15 ? UINT64_MAX : (uint64_t)limit);
  }
  return number(env, (double)answer);
}

/** copyTo(reader, target: Uint8Array): copies the blob read last into target (as much as fits). */
static napi_value copy_to(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  Reader *reader = reader_call(env, info, 2, argv);
  napi_typedarray_type type;
  size_t length = 0;
  void *data = NULL;
  if (!reader || napi_get_typedarray_info(env, argv[1], &type, &length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    return throw_error(env, "copyTo(reader, target) takes a reader and a Uint8Array");
  }
  size_t copied = reader->last && length > 0 ? (length < reader->last_size ? length : reader->last_size) : 0;
  if (copied) memcpy(data, reader->last, copied);
  return number(env, (double)copied);
}

/** close(reader): lets go of the packs and the cache now rather than when the reader is collected. */
static napi_value close_function(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  Reader *reader = reader_call(env, info, 1, argv);
  if (!reader) return throw_error(env, "close(reader) takes a reader");
  close_reader(reader);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor functions[] = {
    { "open", NULL, open_reader, NULL, NULL, NULL, napi_enumerable, NULL },
    { "read", NULL, read_blob, NULL, NULL, NULL, napi_enumerable, NULL },
    { "copyTo", NULL, copy_to, NULL, NULL, NULL, napi_enumerable, NULL },
    { "close", NULL, close_function, NULL, NULL, NULL, napi_enumerable, NULL },
  };
  napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions);
  return exports;
}
