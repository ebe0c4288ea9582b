/*
 * file-write.c: write a whole file so that it is never half-written.
 *
 * The data goes to a temporary name in the same folder, is fsync'ed, then
 * takes the final name: rename() to replace, link() to create only (it
 * fails when the name exists, so nothing is overwritten by accident).
 */
#include "hs-common.h"
#include "commands.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write all of data to fd; -1 on error. */
static int
write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Fill a temporary file next to path; its name, or NULL with *cause. */
static char *
write_temp(const char *path, const char *data, size_t len, mode_t mode,
    char **cause)
{
	char *tmp = hs_xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0) {
		*cause = hs_xasprintf("cannot create '%s': %s", tmp,
		    strerror(errno));
		free(tmp);
		return NULL;
	}
	if (fchmod(fd, mode) < 0 || write_all(fd, data, len) < 0 ||
	    fsync(fd) < 0) {
		*cause = hs_xasprintf("cannot write '%s': %s", tmp,
		    strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	if (close(fd) < 0) {
		*cause = hs_xasprintf("cannot write '%s': %s", tmp,
		    strerror(errno));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* Write path in one step: replace it, or (replace false) create it only
 * if it does not exist. */
int
hs_write_file(const char *path, const char *data, size_t len, mode_t mode,
    bool replace, char **cause)
{
	char *tmp = write_temp(path, data, len, mode, cause);
	int rc;

	if (tmp == NULL)
		return -1;
	rc = replace ? rename(tmp, path) : link(tmp, path);
	if (rc < 0)
		*cause = errno == EEXIST ? hs_xasprintf("'%s' already exists",
		    path) : hs_xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
	if (!replace || rc < 0)
		unlink(tmp);
	free(tmp);
	return rc < 0 ? -1 : 0;
}
