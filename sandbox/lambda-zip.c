/*
 * lambda-zip.c: the zip files of Lambda functions, read with zlib: the
 * central directory is checked when code is uploaded (Lambda refuses what
 * it cannot unzip, and more than 250 MB unzipped), and a function's code
 * is unpacked into a private folder for each run. Unpacking never leaves
 * that folder: absolute names, ".." components and symbolic links are
 * refused, files are created new (O_EXCL, O_NOFOLLOW) and every CRC-32 is
 * checked. The executable bits of Unix entries are kept.
 */
#include "hs-common.h"
#include "lambda.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define ZIP_EOCD 0x06054b50u
#define ZIP_CENTRAL 0x02014b50u
#define ZIP_LOCAL 0x04034b50u

/* One entry of the central directory. */
struct zip_entry {
	const char *name;	/* not NUL-terminated */
	size_t name_len;
	unsigned method;	/* 0 stored, 8 deflated */
	unsigned flags;
	uint32_t crc;
	uint64_t csize;
	uint64_t usize;
	uint64_t local;		/* offset of the local header */
	unsigned mode;		/* Unix mode bits, 0 when not a Unix entry */
};

struct zip_reader {
	const unsigned char *data;
	size_t len;
	size_t central;		/* offset of the central directory */
	size_t n_entries;
	size_t pos;		/* next central entry */
};

static uint16_t
rd16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

/* Find the end of central directory record and the directory. */
static int
zip_open(struct zip_reader *z, const void *data, size_t len, char **cause)
{
	const unsigned char *d = data;
	size_t i, stop;

	memset(z, 0, sizeof *z);
	z->data = d;
	z->len = len;
	if (len < 22)
		goto bad;
	stop = len > 22 + 65535 ? len - 22 - 65535 : 0;
	for (i = len - 22 + 1; i-- > stop;) {
		if (rd32(d + i) != ZIP_EOCD)
			continue;
		z->n_entries = rd16(d + i + 10);
		z->central = rd32(d + i + 16);
		if (rd32(d + i + 12) > len || z->central > len - rd32(d + i + 12))
			goto bad;
		z->pos = z->central;
		return 0;
	}
bad:
	*cause = hs_xstrdup("Could not unzip uploaded file. Please check your "
	    "file, then try to upload again.");
	return -1;
}

/* Read the next central directory entry: 1, 0 at the end, -1. */
static int
zip_next(struct zip_reader *z, struct zip_entry *e, char **cause)
{
	const unsigned char *p;
	size_t nlen, xlen, clen;

	if (z->n_entries == 0)
		return 0;
	if (z->pos > z->len || z->len - z->pos < 46 ||
	    rd32(z->data + z->pos) != ZIP_CENTRAL)
		goto bad;
	p = z->data + z->pos;
	nlen = rd16(p + 28);
	xlen = rd16(p + 30);
	clen = rd16(p + 32);
	if (z->len - z->pos - 46 < nlen + xlen + clen)
		goto bad;
	e->flags = rd16(p + 8);
	e->method = rd16(p + 10);
	e->crc = rd32(p + 16);
	e->csize = rd32(p + 20);
	e->usize = rd32(p + 24);
	e->local = rd32(p + 42);
	e->mode = (rd16(p + 4) >> 8) == 3 ? rd32(p + 38) >> 16 : 0;
	e->name = (const char *)p + 46;
	e->name_len = nlen;
	z->pos += 46 + nlen + xlen + clen;
	z->n_entries--;
	if (e->csize == 0xffffffffu || e->usize == 0xffffffffu)
		goto bad;
	return 1;
bad:
	*cause = hs_xstrdup("Could not unzip uploaded file. Please check your "
	    "file, then try to upload again.");
	return -1;
}

/* Check an entry's name stays inside the folder; its copy, or NULL. */
static char *
zip_safe_name(const struct zip_entry *e, char **cause)
{
	char *name = hs_xstrndup(e->name, e->name_len), *save = NULL, *tok;
	char *copy;

	if (strlen(name) != e->name_len || name[0] == '/' || name[0] == '\0')
		goto bad;
	copy = hs_xstrdup(name);
	for (tok = strtok_r(copy, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save))
		if (strcmp(tok, "..") == 0) {
			free(copy);
			goto bad;
		}
	free(copy);
	return name;
bad:
	*cause = hs_xasprintf("the zip file holds an entry that would be "
	    "unpacked outside the function's folder: '%.*s'",
	    (int)e->name_len, e->name);
	free(name);
	return NULL;
}

/* Check that data is a zip Lambda can unpack; its unzipped size. */
int
sbx_zip_check(const void *data, size_t len, uint64_t *unzipped, char **cause)
{
	struct zip_reader z;
	struct zip_entry e;
	char *name;
	int r;

	*unzipped = 0;
	if (zip_open(&z, data, len, cause) != 0)
		return -1;
	while ((r = zip_next(&z, &e, cause)) == 1) {
		if ((name = zip_safe_name(&e, cause)) == NULL)
			return -1;
		free(name);
		if ((e.method != 0 && e.method != 8) || (e.flags & 1)) {
			*cause = hs_xstrdup("Could not unzip uploaded file. "
			    "Please check your file, then try to upload again.");
			return -1;
		}
		*unzipped += e.usize;
	}
	if (r == 0 && *unzipped > LAMBDA_MAX_UNZIPPED) {
		*cause = hs_xasprintf("Unzipped size must be smaller than %llu "
		    "bytes", (unsigned long long)LAMBDA_MAX_UNZIPPED);
		return -1;
	}
	return r;
}

/* Create the folders of a path under dir, one component at a time
 * (the last one too when last_too: a directory entry). */
static int
zip_mkdirs(const char *dir, const char *name, bool last_too, char **cause)
{
	char *path = hs_xasprintf("%s/%s", dir, name);
	size_t base = strlen(dir) + 1, n = strlen(path), i;
	int rc = 0;

	if (n > base && path[n - 1] == '/')
		path[--n] = '\0';
	for (i = base; rc == 0 && i <= n; i++) {
		char keep = path[i];
		if (keep != '/' && !(keep == '\0' && last_too))
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			*cause = hs_xasprintf("cannot create '%s': %s", path,
			    strerror(errno));
			rc = -1;
		}
		path[i] = keep;
	}
	free(path);
	return rc;
}

/* Inflate (or copy) an entry's data into out. */
static int
zip_inflate(const struct zip_entry *e, const unsigned char *src,
    unsigned char *out, char **cause)
{
	z_stream zs;
	int r;

	if (e->method == 0) {
		if (e->csize != e->usize)
			goto bad;
		memcpy(out, src, e->usize);
		return 0;
	}
	memset(&zs, 0, sizeof zs);
	if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
		goto bad;
	zs.next_in = (unsigned char *)src;
	zs.avail_in = (uInt)e->csize;
	zs.next_out = out;
	zs.avail_out = (uInt)e->usize;
	r = inflate(&zs, Z_FINISH);
	inflateEnd(&zs);
	if (r == Z_STREAM_END && zs.total_out == e->usize)
		return 0;
bad:
	*cause = hs_xasprintf("cannot unzip '%.*s': the data is corrupt",
	    (int)e->name_len, e->name);
	return -1;
}

/* Find an entry's data through its local header. */
static const unsigned char *
zip_data(const struct zip_reader *z, const struct zip_entry *e, char **cause)
{
	const unsigned char *p;
	size_t skip;

	if (e->local > z->len || z->len - e->local < 30 ||
	    rd32(z->data + e->local) != ZIP_LOCAL)
		goto bad;
	p = z->data + e->local;
	skip = 30 + (size_t)rd16(p + 26) + rd16(p + 28);
	if (z->len - e->local < skip || z->len - e->local - skip < e->csize)
		goto bad;
	return p + skip;
bad:
	*cause = hs_xasprintf("cannot unzip '%.*s': the zip file is "
	    "truncated", (int)e->name_len, e->name);
	return NULL;
}

/* Write a file entry (created new, never through a link). */
static int
zip_write(const char *path, const unsigned char *buf, uint64_t len,
    unsigned mode, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, (mode & 0111) ? 0755 : 0644);
	size_t off = 0;
	ssize_t w;

	if (fd < 0) {
		*cause = hs_xasprintf("cannot create '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	while (off < len && (w = write(fd, buf + off, len - off)) > 0)
		off += (size_t)w;
	close(fd);
	if (off == len)
		return 0;
	*cause = hs_xasprintf("cannot write '%s': %s", path, strerror(errno));
	return -1;
}

/* Unpack one entry. */
static int
zip_unpack(const struct zip_reader *z, const struct zip_entry *e,
    const char *dir, char **cause)
{
	const unsigned char *src;
	unsigned char *buf = NULL;
	char *name, *path = NULL;
	int rc = -1;

	if ((name = zip_safe_name(e, cause)) == NULL)
		return -1;
	if (S_ISLNK(e->mode)) {
		*cause = hs_xasprintf("the zip file holds a symbolic link '%s', "
		    "which the sandbox does not unpack", name);
		goto cleanup;
	}
	if (name[strlen(name) - 1] == '/') {
		rc = zip_mkdirs(dir, name, true, cause);
		goto cleanup;
	}
	if (zip_mkdirs(dir, name, false, cause) != 0 ||
	    (src = zip_data(z, e, cause)) == NULL)
		goto cleanup;
	buf = hs_xmalloc(e->usize + 1);
	if (zip_inflate(e, src, buf, cause) != 0)
		goto cleanup;
	if (crc32(0, buf, (uInt)e->usize) != e->crc) {
		*cause = hs_xasprintf("cannot unzip '%s': CRC mismatch", name);
		goto cleanup;
	}
	path = hs_xasprintf("%s/%s", dir, name);
	rc = zip_write(path, buf, e->usize, e->mode, cause);
cleanup:
	free(buf);
	free(path);
	free(name);
	return rc;
}

/* Unpack into dir. */
int
sbx_zip_extract(const void *data, size_t len, const char *dir, char **cause)
{
	struct zip_reader z;
	struct zip_entry e;
	uint64_t total;
	int r;

	if (sbx_zip_check(data, len, &total, cause) != 0 ||
	    zip_open(&z, data, len, cause) != 0)
		return -1;
	while ((r = zip_next(&z, &e, cause)) == 1)
		if (zip_unpack(&z, &e, dir, cause) != 0)
			return -1;
	return r;
}
