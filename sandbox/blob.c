/*
 * blob.c: object bodies on disk.
 *
 * A body is a file DATA/blobs/XX/ID where ID is 32 random hex digits: an
 * object key never becomes a path. It is written under DATA/tmp, fsync'd
 * and renamed into place before the metadata that names it is committed,
 * so a crash leaves either the old object or the new one.
 *
 * Server-side encrypted bodies are stored with AES-256-GCM under the key
 * in DATA/sse.key, in chunks so that ranges decrypt only what they read:
 *   "HSSEGCM1" | nonce (12) | chunk 0 cipher text | tag (16) | chunk 1 ...
 * Each chunk holds 64 KiB of plain text (the last one less); its nonce is
 * the file's nonce with the chunk index XORed into the last 8 bytes, and
 * its additional data is the blob ID and the chunk index, so chunks can be
 * neither reordered nor moved to another blob. Truncation shows as a size
 * that does not match the metadata.
 */
#include "hs-common.h"
#include "sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#define BLOB_MAGIC "HSSEGCM1"
#define BLOB_HDR 20
#define BLOB_CHUNK 65536
#define BLOB_TAG 16

struct sbx_blob_writer {
	struct sandbox *sb;
	char *tmp;
	int fd;
	bool encrypt;
	char id[33];
	unsigned char nonce[12];
	uint64_t chunk_index;
	uint64_t size;
	EVP_MD_CTX *md5;
	unsigned char *pending;		/* plain text of the chunk being filled */
	size_t pending_len;
};

struct sbx_blob_reader {
	int fd;
	bool encrypted;
	char id[33];
	uint64_t size;
	unsigned char key[32];
	unsigned char nonce[12];
	unsigned char *chunk;		/* decrypted chunk cache */
	int64_t chunk_index;		/* -1: none cached */
	size_t chunk_len;
};

/* The path of a body's file (caller frees). */
char *
sbx_blob_path(struct sandbox *sb, const char *id)
{
	return hs_xasprintf("%s/blobs/%.2s/%s", sb->data_dir, id, id);
}

/* Write all of len bytes to fd. */
static int
blob_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The nonce of chunk i. */
static void
blob_chunk_nonce(const unsigned char base[12], uint64_t i, unsigned char out[12])
{
	int k;

	memcpy(out, base, 12);
	for (k = 0; k < 8; k++)
		out[11 - k] ^= (unsigned char)(i >> (8 * k));
}

/* The additional data of chunk i: the blob ID and the index. */
static void
blob_chunk_aad(const char *id, uint64_t i, unsigned char out[40])
{
	int k;

	memcpy(out, id, 32);
	for (k = 0; k < 8; k++)
		out[39 - k] = (unsigned char)(i >> (8 * k));
}

/* Encrypt or decrypt one chunk with AES-256-GCM; 0 or -1 (bad tag). */
static int
blob_gcm(bool enc, const unsigned char key[32], const unsigned char nonce[12],
    const unsigned char aad[40], const unsigned char *in, size_t len,
    unsigned char *out, unsigned char tag[16])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n = 0, rc = -1;

	if (ctx == NULL)
		return -1;
	if (EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, nonce,
	    enc ? 1 : 0) != 1 ||
	    EVP_CipherUpdate(ctx, NULL, &n, aad, 40) != 1 ||
	    (len > 0 && EVP_CipherUpdate(ctx, out, &n, in, (int)len) != 1))
		goto cleanup;
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag) != 1)
		goto cleanup;
	if (EVP_CipherFinal_ex(ctx, out + (len > 0 ? n : 0), &n) != 1)
		goto cleanup;
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag) != 1)
		goto cleanup;
	rc = 0;
cleanup:
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

/* Start a body under DATA/tmp; encrypt with the SSE key when asked. */
int
sbx_blob_create(struct sandbox *sb, bool encrypt,
    struct sbx_blob_writer **out, char **cause)
{
	struct sbx_blob_writer *w = hs_xcalloc(1, sizeof *w);

	w->sb = sb;
	w->encrypt = encrypt;
	sbx_random_hex(w->id, 16);
	w->tmp = sbx_tmp_path(sb, "blob");
	w->fd = open(w->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (w->fd < 0) {
		*cause = hs_xasprintf("cannot create '%s': %s", w->tmp,
		    strerror(errno));
		free(w->tmp);
		free(w);
		return -1;
	}
	w->md5 = EVP_MD_CTX_new();
	if (w->md5 == NULL || EVP_DigestInit_ex(w->md5, EVP_md5(), NULL) != 1)
		BUG("cannot start MD5");
	if (encrypt) {
		w->pending = hs_xmalloc(BLOB_CHUNK);
		if (RAND_bytes(w->nonce, sizeof w->nonce) != 1 ||
		    blob_write_all(w->fd, BLOB_MAGIC, 8) != 0 ||
		    blob_write_all(w->fd, w->nonce, 12) != 0) {
			*cause = hs_xstrdup("cannot start an encrypted body");
			sbx_blob_abort(w);
			return -1;
		}
	}
	*out = w;
	return 0;
}

/* Encrypt and write the pending chunk. */
static int
blob_flush_chunk(struct sbx_blob_writer *w)
{
	unsigned char nonce[12], aad[40], tag[16];
	unsigned char *ct = hs_xmalloc(w->pending_len + 1);
	int rc = -1;

	blob_chunk_nonce(w->nonce, w->chunk_index, nonce);
	blob_chunk_aad(w->id, w->chunk_index, aad);
	if (blob_gcm(true, w->sb->sse_key, nonce, aad, w->pending,
	    w->pending_len, ct, tag) != 0)
		goto cleanup;
	if (blob_write_all(w->fd, ct, w->pending_len) != 0 ||
	    blob_write_all(w->fd, tag, 16) != 0)
		goto cleanup;
	w->chunk_index++;
	w->pending_len = 0;
	rc = 0;
cleanup:
	free(ct);
	return rc;
}

/* Append plain text to a body. */
int
sbx_blob_write(struct sbx_blob_writer *w, const void *data, size_t len,
    char **cause)
{
	const unsigned char *p = data;

	EVP_DigestUpdate(w->md5, data, len);
	w->size += len;
	if (!w->encrypt) {
		if (blob_write_all(w->fd, data, len) == 0)
			return 0;
		*cause = hs_xasprintf("cannot write '%s': %s", w->tmp,
		    strerror(errno));
		return -1;
	}
	while (len > 0) {
		size_t n = BLOB_CHUNK - w->pending_len;
		if (n > len)
			n = len;
		memcpy(w->pending + w->pending_len, p, n);
		w->pending_len += n;
		p += n;
		len -= n;
		if (w->pending_len == BLOB_CHUNK && blob_flush_chunk(w) != 0) {
			*cause = hs_xasprintf("cannot write '%s'", w->tmp);
			return -1;
		}
	}
	return 0;
}

/* fsync, rename to DATA/blobs/XX/ID; the ID and the MD5 of the plain text. */
int
sbx_blob_commit(struct sbx_blob_writer *w, char id[33], unsigned char md5[16],
    uint64_t *size, char **cause)
{
	char *dir = NULL, *path = NULL;
	unsigned int mdlen = 16;
	int rc = -1;

	if (w->encrypt && w->pending_len > 0 && blob_flush_chunk(w) != 0) {
		*cause = hs_xasprintf("cannot write '%s'", w->tmp);
		goto cleanup;
	}
	if (fsync(w->fd) != 0) {
		*cause = hs_xasprintf("cannot fsync '%s': %s", w->tmp,
		    strerror(errno));
		goto cleanup;
	}
	dir = hs_xasprintf("%s/blobs/%.2s", w->sb->data_dir, w->id);
	path = sbx_blob_path(w->sb, w->id);
	if (sbx_mkdirs(dir, 0700, cause) != 0)
		goto cleanup;
	if (rename(w->tmp, path) != 0) {
		*cause = hs_xasprintf("cannot rename '%s': %s", w->tmp,
		    strerror(errno));
		goto cleanup;
	}
	sbx_fsync_parent(path);
	EVP_DigestFinal_ex(w->md5, md5, &mdlen);
	memcpy(id, w->id, 33);
	*size = w->size;
	free(w->tmp);
	w->tmp = NULL;
	rc = 0;
cleanup:
	free(dir);
	free(path);
	sbx_blob_abort(w);
	return rc;
}

/* Drop an unfinished body (NULL is fine). */
void
sbx_blob_abort(struct sbx_blob_writer *w)
{
	if (w == NULL)
		return;
	if (w->fd >= 0)
		close(w->fd);
	if (w->tmp != NULL) {
		unlink(w->tmp);
		free(w->tmp);
	}
	if (w->pending != NULL) {
		hs_cleanse(w->pending, BLOB_CHUNK);
		free(w->pending);
	}
	EVP_MD_CTX_free(w->md5);
	free(w);
}

/* The stored size of a body of size plain-text bytes. */
static uint64_t
blob_stored_size(bool encrypted, uint64_t size)
{
	if (!encrypted)
		return size;
	return BLOB_HDR + size + (size + BLOB_CHUNK - 1) / BLOB_CHUNK * BLOB_TAG;
}

/* Open a body for reading; size is the plain-text size. */
int
sbx_blob_open(struct sandbox *sb, const char *id, bool encrypted,
    uint64_t size, struct sbx_blob_reader **out, char **cause)
{
	struct sbx_blob_reader *r = hs_xcalloc(1, sizeof *r);
	char *path = sbx_blob_path(sb, id);
	char magic[8];
	struct stat st;

	r->fd = open(path, O_RDONLY | O_CLOEXEC);
	r->encrypted = encrypted;
	r->size = size;
	r->chunk_index = -1;
	hs_strlcpy(r->id, id, sizeof r->id);
	if (r->fd < 0 || fstat(r->fd, &st) != 0 ||
	    (uint64_t)st.st_size != blob_stored_size(encrypted, size) ||
	    (encrypted && (pread(r->fd, magic, 8, 0) != 8 ||
	    memcmp(magic, BLOB_MAGIC, 8) != 0 ||
	    pread(r->fd, r->nonce, 12, 8) != 12))) {
		*cause = hs_xasprintf("object body '%s' is missing or damaged",
		    path);
		free(path);
		sbx_blob_close(r);
		return -1;
	}
	free(path);
	if (encrypted) {
		memcpy(r->key, sb->sse_key, 32);
		r->chunk = hs_xmalloc(BLOB_CHUNK);
	}
	*out = r;
	return 0;
}

/* Read and decrypt chunk i into the cache. */
static int
blob_load_chunk(struct sbx_blob_reader *r, uint64_t i)
{
	unsigned char nonce[12], aad[40], tag[16];
	uint64_t start = i * BLOB_CHUNK;
	size_t len = r->size - start > BLOB_CHUNK ? BLOB_CHUNK :
	    (size_t)(r->size - start);
	off_t off = (off_t)(BLOB_HDR + i * (BLOB_CHUNK + BLOB_TAG));
	unsigned char *ct = hs_xmalloc(len + BLOB_TAG);
	int rc = -1;

	if (pread(r->fd, ct, len + BLOB_TAG, off) != (ssize_t)(len + BLOB_TAG))
		goto cleanup;
	memcpy(tag, ct + len, 16);
	blob_chunk_nonce(r->nonce, i, nonce);
	blob_chunk_aad(r->id, i, aad);
	if (blob_gcm(false, r->key, nonce, aad, ct, len, r->chunk, tag) != 0)
		goto cleanup;
	r->chunk_index = (int64_t)i;
	r->chunk_len = len;
	rc = 0;
cleanup:
	free(ct);
	return rc;
}

/* Read up to max bytes at pos (plain text); -1 on error, 0 at the end. */
ssize_t
sbx_blob_read_at(struct sbx_blob_reader *r, uint64_t pos, void *buf,
    size_t max)
{
	uint64_t i, in;
	size_t n;

	if (pos >= r->size)
		return 0;
	if (max > r->size - pos)
		max = (size_t)(r->size - pos);
	if (!r->encrypted)
		return pread(r->fd, buf, max, (off_t)pos);
	i = pos / BLOB_CHUNK;
	if (r->chunk_index != (int64_t)i && blob_load_chunk(r, i) != 0)
		return -1;
	in = pos - i * BLOB_CHUNK;
	n = r->chunk_len - (size_t)in;
	if (n > max)
		n = max;
	memcpy(buf, r->chunk + in, n);
	return (ssize_t)n;
}

/* Close a reader, wiping the key and the plain text it held. */
void
sbx_blob_close(struct sbx_blob_reader *r)
{
	if (r == NULL)
		return;
	if (r->fd >= 0)
		close(r->fd);
	hs_cleanse(r->key, sizeof r->key);
	if (r->chunk != NULL) {
		hs_cleanse(r->chunk, BLOB_CHUNK);
		free(r->chunk);
	}
	free(r);
}

/* Remove a body's file (after the metadata that named it is gone). */
void
sbx_blob_remove(struct sandbox *sb, const char *id)
{
	char *path;

	if (id == NULL || *id == '\0')
		return;
	path = sbx_blob_path(sb, id);
	unlink(path);
	free(path);
}

/* Load DATA/sse.key (mode 0600), creating it on first start. */
int
sbx_sse_key_load(struct sandbox *sb, char **cause)
{
	char *path = hs_xasprintf("%s/sse.key", sb->data_dir);
	char *data = NULL;
	size_t len = 0;
	struct stat st;
	int rc = -1;

	if (stat(path, &st) != 0) {
		unsigned char key[32];
		if (RAND_bytes(key, sizeof key) != 1)
			BUG("RAND_bytes failed");
		rc = sbx_write_file_atomic(path, key, sizeof key, 0600, cause);
		memcpy(sb->sse_key, key, 32);
		hs_cleanse(key, sizeof key);
		goto cleanup;
	}
	if ((st.st_mode & 077) != 0) {
		*cause = hs_xasprintf("'%s' must be readable by its owner only "
		    "(chmod 600 '%s')", path, path);
		goto cleanup;
	}
	data = sbx_read_file(path, &len, 64, cause);
	if (data == NULL)
		goto cleanup;
	if (len != 32) {
		*cause = hs_xasprintf("'%s' is not a 32-byte key", path);
		goto cleanup;
	}
	memcpy(sb->sse_key, data, 32);
	rc = 0;
cleanup:
	if (data != NULL) {
		hs_cleanse(data, len);
		free(data);
	}
	free(path);
	return rc;
}
