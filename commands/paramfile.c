/*
 * paramfile.c: parameter values read from files, as awscli/paramfile.py
 * does: "file://PATH" is the file's text, "fileb://PATH" its bytes. PATH
 * gets "~" then $VAR expanded (Python's expandvars(expanduser())).
 *
 * file:// reads text as Python's text mode does: it must be UTF-8, and
 * "\r\n" and "\r" become "\n" (universal newlines), so a policy saved on
 * Windows reads the same. Messages are the CLI's.
 */
#include "hs-common.h"
#include "operation.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

/* The home folder of "~" (HOME, else the password file) or "~user". */
static char *
home_of(const char *user, size_t len)
{
	struct passwd *pw;
	char *name;
	const char *home;

	if (len == 0 && (home = getenv("HOME")) != NULL)
		return hs_xstrdup(home);
	name = hs_xstrndup(user, len);
	pw = len == 0 ? getpwuid(getuid()) : getpwnam(name);
	free(name);
	return pw != NULL ? hs_xstrdup(pw->pw_dir) : NULL;
}

/* Python's os.path.expanduser. */
static char *
expand_user(const char *path)
{
	size_t len;
	char *home, *out;

	if (path[0] != '~')
		return hs_xstrdup(path);
	len = strcspn(path + 1, "/");
	if ((home = home_of(path + 1, len)) == NULL)
		return hs_xstrdup(path);
	len++;
	if (strcmp(home, "/") == 0 && path[len] == '/')
		home[0] = '\0';
	out = hs_xasprintf("%s%s", home, path + len);
	free(home);
	return out;
}

/* The length of a \w+ run (ASCII letters, digits, '_', any UTF-8). */
static size_t
word_len(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '_' ||
	    (unsigned char)s[n] >= 0x80)
		n++;
	return n;
}

/* Python's os.path.expandvars: $name and ${name} when set. */
static char *
expand_vars(const char *path)
{
	struct hs_buf out = HS_BUF_INIT;
	const char *p = path;

	while (*p != '\0') {
		size_t skip = 0, nlen = 0;
		const char *name = NULL, *value;
		char *key;

		if (*p == '$' && p[1] == '{' && strchr(p + 2, '}') != NULL) {
			name = p + 2;
			nlen = (size_t)(strchr(p + 2, '}') - name);
			skip = nlen + 3;
		} else if (*p == '$' && (nlen = word_len(p + 1)) > 0) {
			name = p + 1;
			skip = nlen + 1;
		}
		key = name ? hs_xstrndup(name, nlen) : NULL;
		value = key ? getenv(key) : NULL;
		free(key);
		if (value != NULL) {
			hs_buf_adds(&out, value);
			p += skip;
		} else
			hs_buf_addch(&out, *p++);
	}
	return hs_buf_detach(&out, NULL);
}

/* Expand "~" then $VAR in a path. */
char *
hs_paramfile_expand(const char *path)
{
	char *user = expand_user(path), *out = expand_vars(user);

	free(user);
	return out;
}

/* Tell whether s[0..n) is valid UTF-8 (what Python's decode accepts). */
static bool
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, cp, k;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, cp = c & 0x07;
		else
			return false;
		for (k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((need == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
		    || (need == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return false;
		i += need + 1;
	}
	return true;
}

/* Turn "\r\n" and "\r" into "\n" (Python's universal newlines). */
static void
universal_newlines(struct hs_buf *b, size_t from)
{
	size_t r, w = from;

	for (r = from; r < b->len; r++) {
		if (b->buf[r] == '\r') {
			b->buf[w++] = '\n';
			if (r + 1 < b->len && b->buf[r + 1] == '\n')
				r++;
		} else
			b->buf[w++] = b->buf[r];
	}
	hs_buf_truncate(b, w);
}

/* Append the whole of a file to out; -1 with errno set. */
static int
read_all(const char *path, struct hs_buf *out)
{
	char chunk[65536];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC), saved;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 || hs_buf_add(out, chunk, (size_t)n) < 0) {
			saved = n < 0 ? errno : EFBIG;
			close(fd);
			errno = saved;
			return -1;
		}
	}
	close(fd);
	return 0;
}

/* Read a file:// or fileb:// value. */
int
hs_paramfile_load(const char *value, struct hs_buf *out, char **cause)
{
	bool binary = hs_starts_with(value, "fileb://");
	size_t start = out->len;
	char *path;

	if (!binary && !hs_starts_with(value, "file://"))
		return HS_PARAMFILE_NONE;
	path = hs_paramfile_expand(value + (binary ? 8 : 7));
	if (read_all(path, out) < 0) {
		*cause = hs_xasprintf("Unable to load paramfile %s: [Errno %d] "
		    "%s: '%s'", value, errno, strerror(errno), path);
		hs_buf_truncate(out, start);
		free(path);
		return -1;
	}
	if (!binary && !valid_utf8((const unsigned char *)out->buf + start,
	    out->len - start)) {
		*cause = hs_xasprintf("Unable to load paramfile (%s), text "
		    "contents could not be decoded.  If this is a binary file, "
		    "please use the fileb:// prefix instead of the file:// "
		    "prefix.", path);
		hs_buf_truncate(out, start);
		free(path);
		return -1;
	}
	if (!binary)
		universal_newlines(out, start);
	free(path);
	return binary ? HS_PARAMFILE_BINARY : HS_PARAMFILE_TEXT;
}

/* Tell whether data ends with a zip end-of-central-directory record. */
bool
hs_paramfile_is_zip(const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i, comment;

	if (len < 22)
		return false;
	/* The record is 22 bytes plus a comment of at most 65535 bytes. */
	for (i = len - 22; ; i--) {
		if (p[i] == 'P' && p[i + 1] == 'K' && p[i + 2] == 5 &&
		    p[i + 3] == 6) {
			comment = (size_t)p[i + 20] | (size_t)p[i + 21] << 8;
			if (i + 22 + comment <= len)
				return true;
		}
		if (i == 0 || len - i >= 22 + 65535)
			return false;
	}
}
