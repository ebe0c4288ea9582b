/*
 * policy-json.c: a validating JSON pass that knows where every value is.
 *
 * cJSON builds the tree but says neither where a syntax error is nor
 * where an element begins. This pass walks the text first (strict
 * RFC 8259, like cJSON) and records, for every value, its JSON path in
 * the notation of AWS's error messages ("Statement[1].Effect") and its
 * offsets. Parse errors then carry a line and column, and simulation
 * results the StartPosition and EndPosition of each statement.
 *
 * Deliberate oddities: duplicate member names are an error (which of two
 * "Effect" members counts is a question a security policy must not
 * leave open), and nesting deeper than 64 levels is refused.
 */
#include "hs-common.h"
#include "policy-int.h"

#define PJ_MAX_DEPTH 64

struct pj_scan {
	const char *s;
	size_t len;
	size_t pos;
	int depth;
	struct pj_doc *doc;
	struct hs_buf path;
	char *err;
	size_t err_pos;
};

static int scan_value(struct pj_scan *sc, size_t key_start);

/* Record the first error at offset pos. */
static int
scan_fail(struct pj_scan *sc, size_t pos, const char *msg)
{
	if (sc->err == NULL) {
		sc->err = hs_xstrdup(msg);
		sc->err_pos = pos;
	}
	return -1;
}

static void
skip_ws(struct pj_scan *sc)
{
	while (sc->pos < sc->len && (sc->s[sc->pos] == ' ' ||
	    sc->s[sc->pos] == '\t' || sc->s[sc->pos] == '\n' ||
	    sc->s[sc->pos] == '\r'))
		sc->pos++;
}

static int
hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

/* Append code point cp to out as UTF-8. */
static void
put_utf8(struct hs_buf *out, unsigned cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	(void)hs_buf_add(out, b, n);
}

/* Decode a \u escape (and its low surrogate) at sc->pos, just after 'u'. */
static int
scan_unicode(struct pj_scan *sc, struct hs_buf *out)
{
	unsigned hi, lo;

	if (sc->len - sc->pos < 4 || hex4(sc->s + sc->pos, &hi) < 0)
		return scan_fail(sc, sc->pos, "invalid \\u escape in string");
	sc->pos += 4;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return scan_fail(sc, sc->pos - 6, "lone low surrogate in string");
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (sc->len - sc->pos < 6 || sc->s[sc->pos] != '\\' ||
		    sc->s[sc->pos + 1] != 'u' ||
		    hex4(sc->s + sc->pos + 2, &lo) < 0 ||
		    lo < 0xdc00 || lo > 0xdfff)
			return scan_fail(sc, sc->pos - 6,
			    "high surrogate without a low surrogate in string");
		sc->pos += 6;
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (out != NULL)
		put_utf8(out, hi);
	return 0;
}

/* Decode one escape at sc->pos (just after the backslash). */
static int
scan_escape(struct pj_scan *sc, struct hs_buf *out)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char c;

	if (sc->pos >= sc->len)
		return scan_fail(sc, sc->pos, "unterminated string");
	c = sc->s[sc->pos++];
	if (c == 'u')
		return scan_unicode(sc, out);
	hit = c != '\0' ? strchr(from, c) : NULL;
	if (hit == NULL)
		return scan_fail(sc, sc->pos - 2, "invalid escape in string");
	if (out != NULL)
		(void)hs_buf_addch(out, to[hit - from]);
	return 0;
}

/* Scan a string at sc->pos ('"'); decode it into out when out != NULL. */
static int
scan_string(struct pj_scan *sc, struct hs_buf *out)
{
	size_t open = sc->pos++;

	while (sc->pos < sc->len) {
		unsigned char c = (unsigned char)sc->s[sc->pos++];

		if (c == '"')
			return 0;
		if (c < 0x20)
			return scan_fail(sc, sc->pos - 1,
			    "control character in string (escape it)");
		if (c == '\\') {
			if (scan_escape(sc, out) < 0)
				return -1;
		} else if (out != NULL)
			(void)hs_buf_addch(out, (int)c);
	}
	return scan_fail(sc, open, "unterminated string");
}

static size_t
scan_digits(struct pj_scan *sc)
{
	size_t n = 0;

	while (sc->pos < sc->len && sc->s[sc->pos] >= '0' &&
	    sc->s[sc->pos] <= '9') {
		sc->pos++;
		n++;
	}
	return n;
}

/* Scan a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
scan_number(struct pj_scan *sc)
{
	size_t start = sc->pos;

	if (sc->s[sc->pos] == '-')
		sc->pos++;
	if (sc->pos < sc->len && sc->s[sc->pos] == '0')
		sc->pos++;
	else if (scan_digits(sc) == 0)
		return scan_fail(sc, start, "invalid number");
	if (sc->pos < sc->len && sc->s[sc->pos] == '.') {
		sc->pos++;
		if (scan_digits(sc) == 0)
			return scan_fail(sc, start, "invalid number");
	}
	if (sc->pos < sc->len && (sc->s[sc->pos] == 'e' ||
	    sc->s[sc->pos] == 'E')) {
		sc->pos++;
		if (sc->pos < sc->len && (sc->s[sc->pos] == '+' ||
		    sc->s[sc->pos] == '-'))
			sc->pos++;
		if (scan_digits(sc) == 0)
			return scan_fail(sc, start, "invalid number");
	}
	return 0;
}

static int
scan_word(struct pj_scan *sc, const char *word)
{
	size_t n = strlen(word);

	if (sc->len - sc->pos < n || memcmp(sc->s + sc->pos, word, n) != 0)
		return scan_fail(sc, sc->pos, "expected a value");
	sc->pos += n;
	return 0;
}

/* Remember where the value at the current path is. */
static void
record(struct pj_scan *sc, size_t key_start, size_t start)
{
	struct pj_doc *d = sc->doc;

	if (d->n == d->alloc) {
		d->alloc = d->alloc ? d->alloc * 2 : 32;
		d->nodes = hs_xreallocarray(d->nodes, d->alloc, sizeof *d->nodes);
	}
	d->nodes[d->n].path = hs_xstrdup(sc->path.buf);
	d->nodes[d->n].key_start = key_start;
	d->nodes[d->n].start = start;
	d->nodes[d->n].end = sc->pos;
	d->n++;
}

/* Tell whether name was already a member of the object being scanned. */
static bool
seen_member(char **names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Scan one "key": value member; names collects the keys seen so far. */
static int
scan_member(struct pj_scan *sc, char ***names, size_t *n)
{
	struct hs_buf key = HS_BUF_INIT;
	size_t key_start = sc->pos, base = sc->path.len;
	int rc = -1;

	if (scan_string(sc, &key) < 0)
		goto cleanup;
	if (seen_member(*names, *n, key.buf)) {
		char *msg = hs_xasprintf("duplicate member \"%s\"", key.buf);

		scan_fail(sc, key_start, msg);
		free(msg);
		goto cleanup;
	}
	*names = hs_xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[(*n)++] = hs_xstrdup(key.buf);
	skip_ws(sc);
	if (sc->pos >= sc->len || sc->s[sc->pos] != ':') {
		scan_fail(sc, sc->pos, "expected ':' after an object key");
		goto cleanup;
	}
	sc->pos++;
	if (base > 0)
		(void)hs_buf_addch(&sc->path, '.');
	(void)hs_buf_addbuf(&sc->path, &key);
	rc = scan_value(sc, key_start);
	hs_buf_truncate(&sc->path, base);
cleanup:
	hs_buf_release(&key);
	return rc;
}

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* Scan an object at sc->pos ('{'). */
static int
scan_object(struct pj_scan *sc)
{
	char **names = NULL;
	size_t n = 0, comma = 0;
	int rc = -1;

	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
		sc->pos++;
		return 0;
	}
	for (;;) {
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == '}' && n > 0) {
			scan_fail(sc, comma, "trailing comma before '}'");
			break;
		}
		if (sc->pos >= sc->len || sc->s[sc->pos] != '"') {
			scan_fail(sc, sc->pos, "expected a string key");
			break;
		}
		if (scan_member(sc, &names, &n) < 0)
			break;
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
			comma = sc->pos++;
			continue;
		}
		if (sc->pos < sc->len && sc->s[sc->pos] == '}') {
			sc->pos++;
			rc = 0;
		} else
			scan_fail(sc, sc->pos,
			    "expected ',' or '}' after an object member");
		break;
	}
	free_names(names, n);
	return rc;
}

/* Scan an array at sc->pos ('['). */
static int
scan_array(struct pj_scan *sc)
{
	size_t i, base = sc->path.len, comma = 0;

	sc->pos++;
	skip_ws(sc);
	if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
		sc->pos++;
		return 0;
	}
	for (i = 0;; i++) {
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ']' && i > 0)
			return scan_fail(sc, comma, "trailing comma before ']'");
		(void)hs_buf_addf(&sc->path, "[%zu]", i);
		if (scan_value(sc, sc->pos) < 0)
			return -1;
		hs_buf_truncate(&sc->path, base);
		skip_ws(sc);
		if (sc->pos < sc->len && sc->s[sc->pos] == ',') {
			comma = sc->pos++;
			continue;
		}
		if (sc->pos < sc->len && sc->s[sc->pos] == ']') {
			sc->pos++;
			return 0;
		}
		return scan_fail(sc, sc->pos,
		    "expected ',' or ']' after an array element");
	}
}

/* Scan any value; key_start is where its member's key began. */
static int
scan_value(struct pj_scan *sc, size_t key_start)
{
	size_t start;
	int rc;

	skip_ws(sc);
	start = sc->pos;
	if (sc->pos >= sc->len)
		return scan_fail(sc, sc->pos, "unexpected end of input");
	if (++sc->depth > PJ_MAX_DEPTH)
		return scan_fail(sc, sc->pos, "nesting too deep");
	switch (sc->s[sc->pos]) {
	case '{': rc = scan_object(sc); break;
	case '[': rc = scan_array(sc); break;
	case '"': rc = scan_string(sc, NULL); break;
	case 't': rc = scan_word(sc, "true"); break;
	case 'f': rc = scan_word(sc, "false"); break;
	case 'n': rc = scan_word(sc, "null"); break;
	default:
		if (sc->s[sc->pos] == '-' ||
		    (sc->s[sc->pos] >= '0' && sc->s[sc->pos] <= '9'))
			rc = scan_number(sc);
		else
			rc = scan_fail(sc, sc->pos, "expected a value");
	}
	sc->depth--;
	if (rc == 0)
		record(sc, key_start, start);
	return rc;
}

/* Compute the 1-based line and column (in characters) of offset off. */
void
pj_position(const char *text, size_t off, struct policy_position *pos)
{
	size_t i;

	pos->line = 1;
	pos->column = 1;
	for (i = 0; i < off && text[i] != '\0'; i++) {
		if (text[i] == '\n') {
			pos->line++;
			pos->column = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80)
			pos->column++;
	}
}

/* Validate text as JSON and record where each value is. */
int
pj_scan(struct pj_doc *doc, const char *text, size_t len, char **cause)
{
	struct pj_scan sc = { text, len, 0, 0, doc, HS_BUF_INIT_CAP(POL_PATH_MAX),
	    NULL, 0 };
	struct policy_position pos;
	int rc;

	memset(doc, 0, sizeof *doc);
	doc->text = text;
	doc->len = len;
	rc = scan_value(&sc, 0);
	if (rc == 0) {
		skip_ws(&sc);
		if (sc.pos < len)
			rc = scan_fail(&sc, sc.pos, "unexpected text after the "
			    "document");
	}
	hs_buf_release(&sc.path);
	if (rc == 0)
		return 0;
	pj_position(text, sc.err_pos, &pos);
	*cause = hs_xasprintf("line %u, column %u: invalid JSON: %s",
	    pos.line, pos.column, sc.err);
	free(sc.err);
	pj_release(doc);
	return -1;
}

/* Find the value at path, or NULL. */
const struct pj_node *
pj_find(const struct pj_doc *doc, const char *path)
{
	size_t i;

	for (i = 0; i < doc->n; i++)
		if (strcmp(doc->nodes[i].path, path) == 0)
			return &doc->nodes[i];
	return NULL;
}

/* Free what pj_scan() recorded. */
void
pj_release(struct pj_doc *doc)
{
	size_t i;

	for (i = 0; i < doc->n; i++)
		free(doc->nodes[i].path);
	free(doc->nodes);
	doc->nodes = NULL;
	doc->n = doc->alloc = 0;
}
