/*
 * output-json.c: JSON text exactly as Python's json.dumps writes it, which
 * is what the AWS CLI prints (json.dump(response, indent=4,
 * ensure_ascii=False)) and what its tokens are made of (json.dumps()).
 *
 *   - indent N: "{\n" + N spaces per level + "\"key\": value" joined by
 *     ",\n"; empty objects and lists are "{}" and "[]"; indent 0 is the
 *     one-line form with ", " and ": ";
 *   - strings escape '"', '\\', \b \f \n \r \t, other control characters
 *     as \u00XX (lower-case hex); with ensure_ascii every character past
 *     0x7e too, astral ones as surrogate pairs;
 *   - numbers of a float or double shape as Python's float repr ("1.0",
 *     "1e+16"; the text "NaN", "Infinity", "-Infinity" bare); integers
 *     exactly. Without a shape, integral numbers are integers.
 *
 * The JSON protocols parse a double as Python's json does, so a service
 * writing "5" shows 5 in the CLI and 5.0 here: the wire's spelling is not
 * kept (services write doubles as "5.0"; XML services always give 5.0).
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <math.h>

struct writer {
	struct hs_buf *out;
	int indent;
	bool ensure_ascii;
};

static void write_value(struct writer *w, const cJSON *v,
    const struct aws_ref *ref, int level);

/* Decode one UTF-8 sequence at s (n bytes left); returns its length, or
 * 1 with *cp the byte itself when it is not valid UTF-8. */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len, i;

	if (s[0] < 0x80 || n < 2)
		return *cp = s[0], 1;
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (len == 0 || len > n)
		return *cp = s[0], 1;
	*cp = s[0] & (0xff >> (len + 1));
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return *cp = s[0], 1;
		*cp = (*cp << 6) | (s[i] & 0x3f);
	}
	return len;
}

/* Append a JSON string. */
static void
write_string(struct writer *w, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), len;
	unsigned cp;

	hs_buf_addch(w->out, '"');
	while (n > 0) {
		switch (*p) {
		case '"': hs_buf_adds(w->out, "\\\""); len = 1; break;
		case '\\': hs_buf_adds(w->out, "\\\\"); len = 1; break;
		case '\b': hs_buf_adds(w->out, "\\b"); len = 1; break;
		case '\f': hs_buf_adds(w->out, "\\f"); len = 1; break;
		case '\n': hs_buf_adds(w->out, "\\n"); len = 1; break;
		case '\r': hs_buf_adds(w->out, "\\r"); len = 1; break;
		case '\t': hs_buf_adds(w->out, "\\t"); len = 1; break;
		default:
			len = utf8_next(p, n, &cp);
			if (cp < 0x20 || (w->ensure_ascii && cp > 0x7e &&
			    cp < 0x10000))
				hs_buf_addf(w->out, "\\u%04x", cp);
			else if (w->ensure_ascii && cp >= 0x10000)
				hs_buf_addf(w->out, "\\u%04x\\u%04x",
				    0xd800 + ((cp - 0x10000) >> 10),
				    0xdc00 + ((cp - 0x10000) & 0x3ff));
			else
				hs_buf_add(w->out, p, len);
		}
		p += len;
		n -= len;
	}
	hs_buf_addch(w->out, '"');
}

/* A new line and the indentation of level (or nothing when compact). */
static void
newline(struct writer *w, int level)
{
	int i;

	if (w->indent == 0)
		return;
	hs_buf_addch(w->out, '\n');
	for (i = 0; i < w->indent * level; i++)
		hs_buf_addch(w->out, ' ');
}

/* The shape of a child of v (a member, a list item, a map value). */
static const struct aws_ref *
child_ref(const struct aws_ref *ref, const cJSON *child)
{
	const struct aws_member *m;

	if (ref == NULL || ref->shape == NULL ||
	    (ref->shape->flags & AWS_SHAPE_DOCUMENT))
		return NULL;
	switch (ref->shape->type) {
	case AWS_SHAPE_LIST:
		return &ref->shape->member;
	case AWS_SHAPE_MAP:
		return &ref->shape->value;
	case AWS_SHAPE_STRUCTURE:
		m = aws_model_find_member(ref->shape, child->string);
		return m ? &m->ref : NULL;
	default:
		return NULL;
	}
}

/* An object or a list. */
static void
write_container(struct writer *w, const cJSON *v, const struct aws_ref *ref,
    int level)
{
	bool object = cJSON_IsObject(v);
	const cJSON *item;

	if (v->child == NULL) {
		hs_buf_adds(w->out, object ? "{}" : "[]");
		return;
	}
	hs_buf_addch(w->out, object ? '{' : '[');
	cJSON_ArrayForEach(item, v) {
		if (item != v->child)
			hs_buf_adds(w->out, w->indent ? "," : ", ");
		newline(w, level + 1);
		if (object) {
			write_string(w, item->string);
			hs_buf_adds(w->out, ": ");
		}
		write_value(w, item, child_ref(ref, item), level + 1);
	}
	newline(w, level);
	hs_buf_addch(w->out, object ? '}' : ']');
}

/* Tell whether a reference is a float or double shape. */
static bool
is_float(const struct aws_ref *ref)
{
	return ref != NULL && ref->shape != NULL &&
	    (ref->shape->type == AWS_SHAPE_FLOAT ||
	    ref->shape->type == AWS_SHAPE_DOUBLE);
}

/* A number: integer, or a float as Python's repr writes it. */
static void
write_number(struct writer *w, const cJSON *v, const struct aws_ref *ref)
{
	double d = v->valuedouble;

	if (cJSON_IsRaw(v))
		hs_buf_adds(w->out, v->valuestring);
	else if (!is_float(ref) && isfinite(d) && floor(d) == d &&
	    fabs(d) < 9.3e18)
		aws_format_integer(w->out, v);
	else
		aws_format_double(w->out, d);
}

static void
write_value(struct writer *w, const cJSON *v, const struct aws_ref *ref,
    int level)
{
	if (cJSON_IsObject(v) || cJSON_IsArray(v))
		write_container(w, v, ref, level);
	else if (cJSON_IsString(v) && is_float(ref) &&
	    (strcmp(v->valuestring, "NaN") == 0 ||
	    strcmp(v->valuestring, "Infinity") == 0 ||
	    strcmp(v->valuestring, "-Infinity") == 0))
		hs_buf_adds(w->out, v->valuestring);
	else if (cJSON_IsString(v))
		write_string(w, v->valuestring);
	else if (cJSON_IsNumber(v) || cJSON_IsRaw(v))
		write_number(w, v, ref);
	else if (cJSON_IsBool(v))
		hs_buf_adds(w->out, cJSON_IsTrue(v) ? "true" : "false");
	else
		hs_buf_adds(w->out, "null");
}

/* Append a value as Python's json.dumps writes it. */
void
hs_output_json(struct hs_buf *out, const cJSON *v, const struct aws_ref *ref,
    int indent, bool ensure_ascii)
{
	struct writer w = { out, indent, ensure_ascii };

	write_value(&w, v, ref, 0);
}
