/*
 * history.c: the REPL's history file.
 *
 * $XDG_STATE_HOME/hipaa-shell/history (XDG_STATE_HOME must be absolute,
 * as the XDG spec says), else ~/.local/state/hipaa-shell/history. Missing
 * folders are created 0700, the file 0600, and a looser existing file is
 * tightened to 0600; a symbolic link is refused (O_NOFOLLOW). Entries are
 * redacted by the caller before they get here.
 *
 * The format is readline's with timestamps: "#SECONDS" then the entry's
 * lines, so a multi-line command (a JSON policy) stays one entry. Lines
 * before any timestamp are one entry each (a plain readline history).
 * Each command is appended as it runs; the file is rewritten (atomically)
 * only to drop the oldest entries past the limit.
 */
#include "hs-common.h"
#include "shell.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#define HISTORY_MAX_BYTES ((size_t)64 << 20)

/* The user's home folder: $HOME, else the password database. */
static const char *
home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home != NULL && *home != '\0')
		return home;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_dir : NULL;
}

/* The history file's path (caller frees), or NULL without a home. */
char *
hs_history_path(void)
{
	const char *state = getenv("XDG_STATE_HOME"), *home;

	if (state != NULL && state[0] == '/')
		return hs_xasprintf("%s/hipaa-shell/history", state);
	home = home_dir();
	if (home == NULL)
		return NULL;
	return hs_xasprintf("%s/.local/state/hipaa-shell/history", home);
}

/* Create the folders above path that are missing, mode 0700. */
static int
make_parents(const char *path, char **cause)
{
	char *dir = hs_xstrdup(path), *p;
	int rc = 0;

	for (p = dir + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
			*cause = hs_xasprintf("cannot create folder '%s': %s",
			    dir, strerror(errno));
			rc = -1;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Open the history file for appending, creating it 0600. */
static int
open_history(const char *path, char **cause)
{
	struct stat st;
	int fd;

	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd < 0) {
		*cause = hs_xasprintf("cannot open history file '%s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && (st.st_mode & 077) != 0 &&
	    fchmod(fd, 0600) < 0) {
		*cause = hs_xasprintf("cannot make history file '%s' private: "
		    "%s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Append one entry at time now. */
int
hs_history_append(const char *path, const char *entry, time_t now,
    char **cause)
{
	char *rec;
	size_t len;
	ssize_t w;
	int fd;

	if (make_parents(path, cause) < 0 ||
	    (fd = open_history(path, cause)) < 0)
		return -1;
	rec = hs_xasprintf("#%lld\n%s\n", (long long)now, entry);
	len = strlen(rec);
	w = write(fd, rec, len);
	free(rec);
	if (w != (ssize_t)len || close(fd) < 0) {
		*cause = hs_xasprintf("cannot write history file '%s': %s",
		    path, w < 0 ? strerror(errno) : "short write");
		if (w != (ssize_t)len)
			close(fd);
		return -1;
	}
	return 0;
}

/* Tell whether a line is a timestamp line: '#' then digits only. */
static bool
timestamp_line(const char *s, size_t len)
{
	size_t i;

	if (len < 2 || s[0] != '#')
		return false;
	for (i = 1; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* Split the file's text into entries. */
static void
parse_history(const char *text, size_t len, struct hs_strlist *list)
{
	struct hs_buf cur = HS_BUF_INIT;
	bool stamped = false, open_entry = false;
	size_t p = 0;

	while (p < len) {
		const char *nl = memchr(text + p, '\n', len - p);
		size_t l = nl ? (size_t)(nl - (text + p)) : len - p;

		if (timestamp_line(text + p, l) || !stamped) {
			if (open_entry)
				hs_strlist_take(list, hs_buf_detach(&cur, NULL));
			open_entry = !timestamp_line(text + p, l);
			stamped = stamped || !open_entry;
			if (open_entry && hs_buf_add(&cur, text + p, l) < 0)
				BUG("history entry too long");
		} else {
			if ((open_entry && hs_buf_addch(&cur, '\n') < 0) ||
			    hs_buf_add(&cur, text + p, l) < 0)
				BUG("history entry too long");
			open_entry = true;
		}
		p += l + (nl != NULL);
	}
	if (open_entry)
		hs_strlist_take(list, hs_buf_detach(&cur, NULL));
	hs_buf_release(&cur);
}

/* Read a whole file of at most max bytes; NULL with errno. */
static char *
read_file(int fd, size_t *len)
{
	struct hs_buf b = HS_BUF_INIT_CAP(HISTORY_MAX_BYTES);
	char chunk[8192];
	ssize_t r;

	while ((r = read(fd, chunk, sizeof chunk)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || hs_buf_add(&b, chunk, (size_t)r) < 0) {
			if (r >= 0)
				errno = EFBIG;
			hs_buf_release(&b);
			return NULL;
		}
	}
	return hs_buf_detach(&b, len);
}

/* Rewrite the file with the entries of list (after dropping old ones). */
static int
rewrite_history(const char *path, const struct hs_strlist *list,
    char **cause)
{
	struct hs_buf b = HS_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < list->n; i++)
		if (hs_buf_addf(&b, "#0\n%s\n", list->v[i]) < 0)
			BUG("history too long");
	rc = hs_write_file(path, b.buf, b.len, 0600, true, cause);
	hs_buf_release(&b);
	return rc;
}

/* Read the history file's entries into list, keeping the last max. */
int
hs_history_load(const char *path, size_t max, struct hs_strlist *list,
    char **cause)
{
	size_t len;
	char *text;
	int fd;

	if (list->n != 0)
		BUG("hs_history_load into a list that is not empty");
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return 0;
	if (fd < 0 || (text = read_file(fd, &len)) == NULL) {
		*cause = hs_xasprintf("cannot read history file '%s': %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	parse_history(text, len, list);
	free(text);
	if (list->n <= max)
		return 0;
	while (list->n > max)
		hs_strlist_shift(list);
	return rewrite_history(path, list, cause);
}
