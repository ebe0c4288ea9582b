/*
 * fsutil.c: the file-system steps the store relies on for durability:
 * folders, whole files written under a temporary name then fsync'd and
 * renamed, and the removal of a temporary data folder.
 */
#include "hs-common.h"
#include "sbx.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <sys/stat.h>
#include <unistd.h>

/* Create a folder and its parents with mode. */
int
sbx_mkdirs(const char *path, mode_t mode, char **cause)
{
	char *p = hs_xstrdup(path), *s;
	int rc = -1;

	for (s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, mode) != 0 && errno != EEXIST) {
			*cause = hs_xasprintf("cannot create folder '%s': %s", p,
			    strerror(errno));
			goto cleanup;
		}
		*s = c;
		if (c == '\0')
			break;
	}
	rc = 0;
cleanup:
	free(p);
	return rc;
}

/* Remove one entry for nftw. */
static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* Remove a folder tree (the temporary data folder). */
int
sbx_rmtree(const char *path)
{
	return nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* fsync the folder that holds path. */
int
sbx_fsync_parent(const char *path)
{
	char *copy = hs_xstrdup(path);
	int fd, rc;

	fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	free(copy);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* Write all of len bytes to fd. */
static int
write_all(int fd, const void *data, size_t len)
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

/* Write a whole file atomically: temp name, fsync, rename, fsync folder. */
int
sbx_write_file_atomic(const char *path, const void *data, size_t len,
    mode_t mode, char **cause)
{
	char *tmp = hs_xasprintf("%s.tmp.%ld", path, (long)getpid());
	int fd, rc = -1;

	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0) {
		*cause = hs_xasprintf("cannot create '%s': %s", tmp,
		    strerror(errno));
		goto cleanup;
	}
	if (write_all(fd, data, len) != 0 || fsync(fd) != 0) {
		*cause = hs_xasprintf("cannot write '%s': %s", tmp,
		    strerror(errno));
		close(fd);
		unlink(tmp);
		goto cleanup;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		*cause = hs_xasprintf("cannot rename '%s': %s", tmp,
		    strerror(errno));
		unlink(tmp);
		goto cleanup;
	}
	sbx_fsync_parent(path);
	rc = 0;
cleanup:
	free(tmp);
	return rc;
}

/* Read a whole (small) file; NULL and cause on failure. */
char *
sbx_read_file(const char *path, size_t *len, size_t max, char **cause)
{
	struct hs_buf b = HS_BUF_INIT_CAP(max);
	char chunk[4096];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*cause = hs_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return NULL;
	}
	while ((n = read(fd, chunk, sizeof chunk)) > 0)
		if (hs_buf_add(&b, chunk, (size_t)n) != 0)
			break;
	close(fd);
	if (n < 0 || hs_buf_failed(&b)) {
		*cause = hs_xasprintf("cannot read '%s': %s", path,
		    n < 0 ? strerror(errno) : "file too large");
		hs_buf_cleanse(&b);
		return NULL;
	}
	if (len != NULL)
		*len = b.len;
	return hs_buf_detach(&b, NULL);
}
