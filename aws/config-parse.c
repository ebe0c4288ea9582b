/*
 * config-parse.c: read an INI file exactly as botocore does, which is
 * Python's configparser.RawConfigParser (defaults: "=" or ":" between key
 * and value, "#" and ";" comments on their own line only, strict
 * duplicates, blank lines kept inside values, keys lower-cased), then
 * botocore's _parse_nested for sub-sections.
 *
 * Deliberate oddities, all Python's: a section header is "[" up to the
 * last "]" of the line, and anything after it is ignored ("[default] #
 * x" is [default]); "[ default ]" is a section called " default "; a
 * line indented deeper than the key line continues its value, and a
 * value whose first line is empty ("s3 =") followed by such lines is a
 * sub-section; [DEFAULT] keys are inherited by every section of the file.
 * Error messages give FILE:LINE but never echo the line: it may hold a
 * secret key.
 */
#include "hs-common.h"
#include "config-int.h"

#define NONE ((size_t)-1)
#define DEFAULTS ((size_t)-2)

/* An entry while it is read: its value lines and their line numbers. */
struct pentry {
	char *key;
	unsigned line;
	struct hs_buf value;	/* lines joined with '\n' */
	unsigned *lines;	/* line number of each value line */
	size_t nlines;
};

struct psection {
	char *header;
	unsigned line;
	struct pentry *e;
	size_t n;
};

struct parser {
	const char *name;	/* the file, for messages */
	struct psection *secs;
	size_t nsecs;
	struct psection defaults;
	size_t cur;		/* index in secs, DEFAULTS or NONE */
	size_t opt;		/* index in the current section, or NONE */
	size_t indent;
	unsigned lineno;
	char *error;		/* the first error */
};

/* Python's str.isspace() for ASCII (it also takes \x1c-\x1f). */
static bool
py_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* Trim Python white space from both ends of [*s, *s + *n). */
static void
py_strip(const char **s, size_t *n)
{
	while (*n > 0 && py_space((unsigned char)**s))
		(*s)++, (*n)--;
	while (*n > 0 && py_space((unsigned char)(*s)[*n - 1]))
		(*n)--;
}

/* Record an error "FILE:LINE: message" (only the first is kept). */
HS_PRINTF(2, 3) static void
parse_error(struct parser *p, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (p->error != NULL)
		return;
	va_start(ap, fmt);
	msg = hs_xvasprintf(fmt, ap);
	va_end(ap);
	p->error = hs_xasprintf("%s:%u: %s", p->name, p->lineno, msg);
	free(msg);
}

static struct psection *
current(struct parser *p)
{
	if (p->cur == DEFAULTS)
		return &p->defaults;
	return p->cur == NONE ? NULL : &p->secs[p->cur];
}

/* Append one value line to the entry being read. */
static void
add_value_line(struct pentry *e, const char *s, size_t n, unsigned line)
{
	if (e->nlines > 0)
		hs_buf_addch(&e->value, '\n');
	hs_buf_add(&e->value, s, n);
	e->lines = hs_xreallocarray(e->lines, e->nlines + 1, sizeof *e->lines);
	e->lines[e->nlines++] = line;
}

/* Start a section, or go back to [DEFAULT]. */
static void
start_section(struct parser *p, const char *h, size_t n)
{
	size_t i;

	p->opt = NONE;
	if (n == 7 && memcmp(h, "DEFAULT", 7) == 0) {
		p->cur = DEFAULTS;
		return;
	}
	for (i = 0; i < p->nsecs; i++)
		if (strlen(p->secs[i].header) == n &&
		    memcmp(p->secs[i].header, h, n) == 0) {
			parse_error(p, "section [%.*s] appears twice (first at "
			    "line %u)", (int)n, h, p->secs[i].line);
			return;
		}
	p->secs = hs_xreallocarray(p->secs, p->nsecs + 1, sizeof *p->secs);
	memset(&p->secs[p->nsecs], 0, sizeof *p->secs);
	p->secs[p->nsecs].header = hs_xstrndup(h, n);
	p->secs[p->nsecs].line = p->lineno;
	p->cur = p->nsecs++;
}

/* Read "key = value" (or "key: value") into the current section. */
static void
start_option(struct parser *p, const char *v, size_t n)
{
	struct psection *s = current(p);
	size_t pos = strcspn(v, "=:"), klen = pos, i;
	const char *val = v + pos + 1;
	size_t vlen = pos < n ? n - pos - 1 : 0;
	struct pentry *e;
	char *key;

	if (pos >= n) {
		parse_error(p, "cannot parse this line: expected 'key = "
		    "value', a [section] header or a comment");
		return;
	}
	while (klen > 0 && py_space((unsigned char)v[klen - 1]))
		klen--;
	if (klen == 0) {
		parse_error(p, "a line starts with '%c' but has no key "
		    "before it", v[pos]);
		return;
	}
	key = hs_xstrndup(v, klen);
	for (i = 0; key[i] != '\0'; i++)
		if (key[i] >= 'A' && key[i] <= 'Z')
			key[i] = (char)(key[i] - 'A' + 'a');
	for (i = 0; i < s->n; i++)
		if (strcmp(s->e[i].key, key) == 0) {
			parse_error(p, "'%s' appears twice in [%s] (first at "
			    "line %u)", key, s == &p->defaults ? "DEFAULT" :
			    s->header, s->e[i].line);
			free(key);
			return;
		}
	py_strip(&val, &vlen);
	s->e = hs_xreallocarray(s->e, s->n + 1, sizeof *s->e);
	e = &s->e[s->n];
	memset(e, 0, sizeof *e);
	hs_buf_init(&e->value, 0);
	e->key = key;
	e->line = p->lineno;
	add_value_line(e, val, vlen, p->lineno);
	p->opt = s->n++;
}

/* Column of the first non-blank character of a raw line. */
static size_t
indent_of(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && py_space((unsigned char)line[i]))
		i++;
	return i;
}

/* Handle one line, as configparser's _read loop body. */
static void
parse_line(struct parser *p, const char *line, size_t n)
{
	const char *v = line, *close;
	size_t vn = n, col;
	bool comment;

	py_strip(&v, &vn);
	comment = vn > 0 && (*v == '#' || *v == ';');
	if (vn == 0 || comment) {
		if (!comment && p->cur != NONE && p->opt != NONE)
			add_value_line(&current(p)->e[p->opt], "", 0, p->lineno);
		return;
	}
	col = indent_of(line, n);
	if (p->cur != NONE && p->opt != NONE && col > p->indent) {
		add_value_line(&current(p)->e[p->opt], v, vn, p->lineno);
		return;
	}
	p->indent = col;
	close = v + vn;
	while (close > v && close[-1] != ']')
		close--;
	if (*v == '[' && close - v >= 3) {
		start_section(p, v + 1, (size_t)(close - v - 2));
	} else if (p->cur == NONE) {
		parse_error(p, "this line is outside any section: add a "
		    "[section] header above it");
	} else
		start_option(p, v, vn);
}

/* Tell whether [s, s+n) is valid UTF-8 without NUL bytes. */
static bool
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;

	while (i < n) {
		unsigned c = s[i];
		unsigned long cp;

		if (c == 0)
			return false;
		if (c < 0x80) {
			i++;
			continue;
		}
		len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
		if (len == 0 || c > 0xf4 || i + len > n)
			return false;
		cp = c & (0x3f >> (len - 1));
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* Read the text line by line (\n, \r\n and \r end lines, as Python). */
static void
parse_text(struct parser *p, const char *text, size_t len)
{
	const char *s = text, *end = text + len;

	while (s < end && p->error == NULL) {
		size_t n = 0;

		while (s + n < end && s[n] != '\n' && s[n] != '\r')
			n++;
		p->lineno++;
		if (!valid_utf8((const unsigned char *)s, n))
			parse_error(p, "this line is not valid UTF-8 text");
		else
			parse_line(p, s, n);
		s += n;
		if (s < end && *s == '\r' && s + 1 < end && s[1] == '\n')
			s++;
		if (s < end)
			s++;
	}
}

/* Free an entry and what it holds. */
static void
entry_free(struct aws_config_entry *e)
{
	size_t i;

	for (i = 0; i < e->nsub; i++)
		entry_free(&e->sub[i]);
	free(e->sub);
	free(e->key);
	hs_free_secret(e->value);
}

/* Read the lines of a "key =" value as a sub-section (_parse_nested). */
static int
parse_nested(struct parser *p, const struct pentry *pe,
    struct aws_config_entry *out)
{
	const char *s = pe->value.buf;
	size_t i;

	for (i = 0; i < pe->nlines; i++) {
		size_t n = strcspn(s, "\n"), kn;
		const char *line = s, *eq, *val;
		size_t vn;

		s += n + (s[n] == '\n');
		py_strip(&line, &n);
		if (n == 0)
			continue;
		eq = memchr(line, '=', n);
		if (eq == NULL) {
			p->lineno = pe->lines[i];
			parse_error(p, "cannot parse this line of the '%s' "
			    "sub-section: expected 'key = value'", pe->key);
			return -1;
		}
		kn = (size_t)(eq - line);
		val = eq + 1;
		vn = n - kn - 1;
		py_strip(&line, &kn);
		py_strip(&val, &vn);
		out->sub = hs_xreallocarray(out->sub, out->nsub + 1,
		    sizeof *out->sub);
		memset(&out->sub[out->nsub], 0, sizeof *out->sub);
		out->sub[out->nsub].key = hs_xstrndup(line, kn);
		out->sub[out->nsub].value = hs_xstrndup(val, vn);
		out->sub[out->nsub++].line = pe->lines[i];
	}
	return 0;
}

/* Turn a read entry into a final one: join, rstrip, nest. */
static int
finish_entry(struct parser *p, const struct pentry *pe,
    struct aws_config_entry *out)
{
	size_t n = pe->value.len;

	memset(out, 0, sizeof *out);
	out->key = hs_xstrdup(pe->key);
	out->line = pe->line;
	while (n > 0 && py_space((unsigned char)pe->value.buf[n - 1]))
		n--;
	if (n > 0 && pe->value.buf[0] == '\n')
		return parse_nested(p, pe, out);
	out->value = hs_xstrndup(pe->value.buf, n);
	return 0;
}

/* Tell whether a read section has an entry called key. */
static bool
has_key(const struct psection *s, const char *key)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->e[i].key, key) == 0)
			return true;
	return false;
}

/* Build a final section: its entries, then inherited [DEFAULT] ones. */
static int
finish_section(struct parser *p, const struct psection *ps,
    struct aws_config_section *out)
{
	size_t i;

	out->header = hs_xstrdup(ps->header);
	out->line = ps->line;
	out->entries = hs_xcalloc(ps->n + p->defaults.n + 1,
	    sizeof *out->entries);
	for (i = 0; i < ps->n; i++)
		if (finish_entry(p, &ps->e[i], &out->entries[out->n++]) < 0)
			return -1;
	for (i = 0; i < p->defaults.n; i++)
		if (!has_key(ps, p->defaults.e[i].key) &&
		    finish_entry(p, &p->defaults.e[i],
		    &out->entries[out->n++]) < 0)
			return -1;
	return 0;
}

/* Free a section being read. */
static void
psection_free(struct psection *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->e[i].key);
		hs_buf_cleanse(&s->e[i].value);
		free(s->e[i].lines);
	}
	free(s->e);
	free(s->header);
}

/* Free a parsed file's sections. */
void
aws_config_file_clear(struct aws_config_file *f)
{
	size_t i, j;

	for (i = 0; i < f->n; i++) {
		for (j = 0; j < f->sections[i].n; j++)
			entry_free(&f->sections[i].entries[j]);
		free(f->sections[i].entries);
		free(f->sections[i].header);
	}
	free(f->sections);
	f->sections = NULL;
	f->n = 0;
}

/* Parse text as botocore reads an INI file. */
int
aws_config_parse(struct aws_config_file *f, const char *name,
    const char *text, size_t len, char **cause)
{
	struct parser p;
	size_t i;

	memset(&p, 0, sizeof p);
	p.name = name;
	p.cur = p.opt = NONE;
	parse_text(&p, text, len);
	if (p.error == NULL) {
		f->sections = hs_xcalloc(p.nsecs + 1, sizeof *f->sections);
		for (i = 0; i < p.nsecs && p.error == NULL; i++)
			if (finish_section(&p, &p.secs[i], &f->sections[f->n++]) < 0)
				break;
	}
	for (i = 0; i < p.nsecs; i++)
		psection_free(&p.secs[i]);
	free(p.secs);
	psection_free(&p.defaults);
	if (p.error != NULL) {
		aws_config_file_clear(f);
		*cause = p.error;
		return -1;
	}
	return 0;
}

/* Add one shlex word to the list. */
static void
add_word(char ***words, size_t *n, struct hs_buf *w)
{
	*words = hs_xreallocarray(*words, *n + 2, sizeof **words);
	(*words)[(*n)++] = hs_buf_detach(w, NULL);
	(*words)[*n] = NULL;
}

/* Split a section header as Python's shlex.split (POSIX, no comments). */
int
aws_config_shlex(const char *s, char ***words, size_t *n)
{
	struct hs_buf w = HS_BUF_INIT;
	bool in_word = false;
	char quote = 0;

	*words = NULL;
	*n = 0;
	for (; *s != '\0'; s++) {
		if (quote == '\'') {
			if (*s == '\'')
				quote = 0;
			else
				hs_buf_addch(&w, *s);
		} else if (quote == '"') {
			if (*s == '"')
				quote = 0;
			else if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				hs_buf_addch(&w, *++s);
			else
				hs_buf_addch(&w, *s);
		} else if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
			if (in_word)
				add_word(words, n, &w);
			in_word = false;
		} else if (*s == '\'' || *s == '"') {
			quote = *s;
			in_word = true;
		} else if (*s == '\\') {
			if (s[1] == '\0')
				break;
			hs_buf_addch(&w, *++s);
			in_word = true;
		} else {
			hs_buf_addch(&w, *s);
			in_word = true;
		}
	}
	if (quote != 0 || *s == '\\') {
		hs_buf_release(&w);
		aws_config_shlex_free(*words, *n);
		*words = NULL;
		*n = 0;
		return -1;
	}
	if (in_word)
		add_word(words, n, &w);
	hs_buf_release(&w);
	return 0;
}

/* Free what aws_config_shlex returned. */
void
aws_config_shlex_free(char **words, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(words[i]);
	free(words);
}
