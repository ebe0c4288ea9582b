/*
 * protocol-jsontext.c: JSON text for the json and rest-json protocols.
 *
 * cJSON keeps numbers as doubles, which loses longs beyond 2^53, and
 * prints 1e15 as "1e+15"; services read longs. So bodies are read here
 * into cJSON trees whose big integers are raw numbers (protocol.h), and
 * written here with integers exact and floats as Python writes them.
 * The reader is strict JSON (RFC 8259) with a depth limit; strings are
 * decoded to UTF-8, surrogate pairs joined.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <ctype.h>
#include <math.h>

#define JSON_MAX_DEPTH 256

struct reader {
	const char *p;
	const char *end;
	const char *start;
	int depth;
	char **cause;
};

static cJSON *read_value(struct reader *r);

static cJSON *
fail(struct reader *r, const char *what)
{
	if (*r->cause == NULL)
		*r->cause = hs_xasprintf("invalid JSON at byte %zu: %s",
		    (size_t)(r->p - r->start), what);
	return NULL;
}

static void
skip_ws(struct reader *r)
{
	while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' ||
	    *r->p == '\n' || *r->p == '\r'))
		r->p++;
}

static int
hex4(const char *p)
{
	int v = 0, i;

	for (i = 0; i < 4; i++) {
		int c = (unsigned char)p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static void
add_utf8(struct hs_buf *b, unsigned long cp)
{
	if (cp < 0x80) {
		hs_buf_addch(b, (int)cp);
	} else if (cp < 0x800) {
		hs_buf_addch(b, (int)(0xc0 | cp >> 6));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		hs_buf_addch(b, (int)(0xe0 | cp >> 12));
		hs_buf_addch(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		hs_buf_addch(b, (int)(0xf0 | cp >> 18));
		hs_buf_addch(b, (int)(0x80 | (cp >> 12 & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | (cp >> 6 & 0x3f)));
		hs_buf_addch(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* Read a \uXXXX escape (and its low surrogate) after the "\u". */
static int
read_unicode(struct reader *r, struct hs_buf *b)
{
	int hi, lo;

	if (r->end - r->p < 4 || (hi = hex4(r->p)) < 0)
		return -1;
	r->p += 4;
	if (hi >= 0xd800 && hi <= 0xdbff && r->end - r->p >= 6 &&
	    r->p[0] == '\\' && r->p[1] == 'u' && (lo = hex4(r->p + 2)) >= 0xdc00
	    && lo <= 0xdfff) {
		r->p += 6;
		add_utf8(b, 0x10000 + ((unsigned long)(hi - 0xd800) << 10) +
		    (unsigned long)(lo - 0xdc00));
	} else
		add_utf8(b, (unsigned long)hi);
	return 0;
}

/* Read one escape after the backslash. */
static int
read_escape(struct reader *r, struct hs_buf *b)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;

	if (r->p >= r->end)
		return -1;
	if (*r->p == 'u') {
		r->p++;
		return read_unicode(r, b);
	}
	if ((e = strchr(from, *r->p)) == NULL || *r->p == '\0')
		return -1;
	hs_buf_addch(b, to[e - from]);
	r->p++;
	return 0;
}

/* Read a string literal into b (after the opening quote). */
static int
read_string(struct reader *r, struct hs_buf *b)
{
	while (r->p < r->end && *r->p != '"') {
		unsigned char c = (unsigned char)*r->p;

		if (c < 0x20)
			return -1;
		if (c == '\\') {
			r->p++;
			if (read_escape(r, b) < 0)
				return -1;
			continue;
		}
		hs_buf_addch(b, c);
		r->p++;
	}
	if (r->p >= r->end)
		return -1;
	r->p++;
	return 0;
}

static cJSON *
read_string_value(struct reader *r)
{
	struct hs_buf b = HS_BUF_INIT;
	cJSON *v = NULL;

	r->p++;
	if (read_string(r, &b) == 0)
		v = cJSON_CreateString(b.buf);
	hs_buf_release(&b);
	return v ? v : fail(r, "bad string");
}

/* Read a number; integers beyond 2^53 become raw numbers. */
static cJSON *
read_number(struct reader *r)
{
	const char *s = r->p;
	bool integer = true;
	char *text;
	cJSON *v;

	if (r->p < r->end && *r->p == '-')
		r->p++;
	if (r->p >= r->end || !isdigit((unsigned char)*r->p))
		return fail(r, "bad number");
	if (*r->p == '0' && r->p + 1 < r->end &&
	    isdigit((unsigned char)r->p[1]))
		return fail(r, "bad number");
	while (r->p < r->end && isdigit((unsigned char)*r->p))
		r->p++;
	if (r->p < r->end && *r->p == '.') {
		integer = false;
		r->p++;
		if (r->p >= r->end || !isdigit((unsigned char)*r->p))
			return fail(r, "bad number");
		while (r->p < r->end && isdigit((unsigned char)*r->p))
			r->p++;
	}
	if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
		integer = false;
		r->p++;
		if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
			r->p++;
		if (r->p >= r->end || !isdigit((unsigned char)*r->p))
			return fail(r, "bad number");
		while (r->p < r->end && isdigit((unsigned char)*r->p))
			r->p++;
	}
	if (integer)
		return aws_integer_from_text(s, (size_t)(r->p - s));
	text = hs_xstrndup(s, (size_t)(r->p - s));
	v = cJSON_CreateNumber(strtod(text, NULL));
	free(text);
	return v;
}

static cJSON *
read_word(struct reader *r, const char *word, cJSON *v)
{
	size_t n = strlen(word);

	if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0) {
		cJSON_Delete(v);
		return fail(r, "unexpected character");
	}
	r->p += n;
	return v;
}

static cJSON *
read_array(struct reader *r)
{
	cJSON *arr = cJSON_CreateArray(), *item;

	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == ']') {
		r->p++;
		return arr;
	}
	for (;;) {
		if ((item = read_value(r)) == NULL)
			break;
		cJSON_AddItemToArray(arr, item);
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == ']') {
			r->p++;
			return arr;
		}
		fail(r, "expected ',' or ']'");
		break;
	}
	cJSON_Delete(arr);
	return NULL;
}

/* Read "key": value into obj. */
static int
read_pair(struct reader *r, cJSON *obj)
{
	struct hs_buf key = HS_BUF_INIT;
	cJSON *item;

	skip_ws(r);
	if (r->p >= r->end || *r->p != '"') {
		fail(r, "expected a key");
		return -1;
	}
	r->p++;
	if (read_string(r, &key) < 0) {
		hs_buf_release(&key);
		fail(r, "bad key");
		return -1;
	}
	skip_ws(r);
	if (r->p >= r->end || *r->p != ':') {
		hs_buf_release(&key);
		fail(r, "expected ':'");
		return -1;
	}
	r->p++;
	item = read_value(r);
	if (item != NULL)
		cJSON_AddItemToObject(obj, key.buf, item);
	hs_buf_release(&key);
	return item ? 0 : -1;
}

static cJSON *
read_object(struct reader *r)
{
	cJSON *obj = cJSON_CreateObject();

	r->p++;
	skip_ws(r);
	if (r->p < r->end && *r->p == '}') {
		r->p++;
		return obj;
	}
	for (;;) {
		if (read_pair(r, obj) < 0)
			break;
		skip_ws(r);
		if (r->p < r->end && *r->p == ',') {
			r->p++;
			continue;
		}
		if (r->p < r->end && *r->p == '}') {
			r->p++;
			return obj;
		}
		fail(r, "expected ',' or '}'");
		break;
	}
	cJSON_Delete(obj);
	return NULL;
}

static cJSON *
read_value(struct reader *r)
{
	cJSON *v;

	skip_ws(r);
	if (r->p >= r->end)
		return fail(r, "unexpected end");
	if (++r->depth > JSON_MAX_DEPTH)
		return fail(r, "nested too deeply");
	switch (*r->p) {
	case '{':
		v = read_object(r);
		break;
	case '[':
		v = read_array(r);
		break;
	case '"':
		v = read_string_value(r);
		break;
	case 't':
		v = read_word(r, "true", cJSON_CreateTrue());
		break;
	case 'f':
		v = read_word(r, "false", cJSON_CreateFalse());
		break;
	case 'n':
		v = read_word(r, "null", cJSON_CreateNull());
		break;
	default:
		v = read_number(r);
		break;
	}
	r->depth--;
	return v;
}

/* Parse JSON text; integers beyond 2^53 become raw numbers. */
cJSON *
aws_json_parse(const char *text, size_t len, char **cause)
{
	struct reader r = { text, text + len, text, 0, cause };
	cJSON *v = read_value(&r);

	if (v == NULL)
		return NULL;
	skip_ws(&r);
	if (r.p != r.end) {
		cJSON_Delete(v);
		return fail(&r, "trailing characters");
	}
	return v;
}

/* Append a JSON string literal (UTF-8 kept, controls escaped). */
void
aws_json_write_string(struct hs_buf *out, const char *s, size_t len)
{
	size_t i;

	hs_buf_addch(out, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"':
			hs_buf_adds(out, "\\\"");
			break;
		case '\\':
			hs_buf_adds(out, "\\\\");
			break;
		case '\n':
			hs_buf_adds(out, "\\n");
			break;
		case '\r':
			hs_buf_adds(out, "\\r");
			break;
		case '\t':
			hs_buf_adds(out, "\\t");
			break;
		case '\b':
			hs_buf_adds(out, "\\b");
			break;
		case '\f':
			hs_buf_adds(out, "\\f");
			break;
		default:
			if (c < 0x20)
				hs_buf_addf(out, "\\u%04x", c);
			else
				hs_buf_addch(out, c);
		}
	}
	hs_buf_addch(out, '"');
}

/* Append a number: integral values exactly, others as Python does. */
static void
write_number(struct hs_buf *out, const cJSON *v)
{
	double d = v->valuedouble;

	if (!isfinite(d))
		hs_buf_adds(out, "null");
	else if (floor(d) == d && fabs(d) < 9.2e18)
		hs_buf_addf(out, "%lld", (long long)d);
	else
		aws_format_double(out, d);
}

/* Append any JSON value. */
void
aws_json_write_value(struct hs_buf *out, const cJSON *v)
{
	const cJSON *item;
	bool first = true;

	if (v == NULL || cJSON_IsNull(v))
		hs_buf_adds(out, "null");
	else if (cJSON_IsTrue(v))
		hs_buf_adds(out, "true");
	else if (cJSON_IsFalse(v))
		hs_buf_adds(out, "false");
	else if (cJSON_IsRaw(v))
		hs_buf_adds(out, v->valuestring);
	else if (cJSON_IsNumber(v))
		write_number(out, v);
	else if (cJSON_IsString(v))
		aws_json_write_string(out, v->valuestring,
		    strlen(v->valuestring));
	else if (cJSON_IsArray(v)) {
		hs_buf_addch(out, '[');
		cJSON_ArrayForEach(item, v) {
			if (!first)
				hs_buf_addch(out, ',');
			first = false;
			aws_json_write_value(out, item);
		}
		hs_buf_addch(out, ']');
	} else {
		hs_buf_addch(out, '{');
		cJSON_ArrayForEach(item, v) {
			if (!first)
				hs_buf_addch(out, ',');
			first = false;
			aws_json_write_string(out, item->string,
			    strlen(item->string));
			hs_buf_addch(out, ':');
			aws_json_write_value(out, item);
		}
		hs_buf_addch(out, '}');
	}
}
