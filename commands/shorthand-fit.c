/*
 * shorthand-fit.c: what the model adds to shorthand syntax - the CLI's
 * BackCompatVisitor (text to numbers and booleans, a single value where a
 * list is wanted), which arguments take shorthand at all, and the example
 * `help` shows (ParamShorthandDocGen).
 *
 * Where the CLI crashes (int("abc") gives a Python traceback and exit
 * 255), the value is refused here with the member's path instead; a
 * boolean that is neither "true" nor "false" stays text, as in the CLI,
 * and validation then names it.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <math.h>

/* The deepest nesting the CLI documents (ParamShorthandDocGen). */
#define DOC_MAX_STACK 3

static int fit(cJSON *parent, cJSON *value, const struct aws_ref *ref,
    const char *path, char **cause);

/* Tell whether a shape is a document or only wraps documents. */
static bool
document_container(const struct aws_shape *s)
{
	if (s->flags & AWS_SHAPE_DOCUMENT)
		return true;
	if (s->type == AWS_SHAPE_LIST)
		return document_container(s->member.shape);
	if (s->type == AWS_SHAPE_MAP)
		return document_container(s->value.shape);
	return false;
}

/* Tell whether an argument of this shape takes shorthand syntax. */
bool
hs_shorthand_supported(const struct aws_shape *shape)
{
	if (shape == NULL || document_container(shape))
		return false;
	if (shape->type == AWS_SHAPE_LIST)
		shape = shape->member.shape;
	return shape->type == AWS_SHAPE_STRUCTURE ||
	    shape->type == AWS_SHAPE_LIST || shape->type == AWS_SHAPE_MAP;
}

/*
 * Read an integer as Python's int() does: white space around, a sign,
 * digits with single underscores between them. The result is a cJSON
 * number, or a raw number when it does not fit a double exactly.
 */
cJSON *
hs_py_int(const char *s)
{
	struct hs_buf digits = HS_BUF_INIT;
	cJSON *v = NULL;
	long long n;

	while (isspace((unsigned char)*s))
		s++;
	if (*s == '+' || *s == '-')
		hs_buf_addch(&digits, *s++ == '-' ? '-' : '+');
	if (!isdigit((unsigned char)*s))
		goto out;
	for (; isdigit((unsigned char)*s) || (*s == '_' &&
	    isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[-1])); s++)
		if (*s != '_')
			hs_buf_addch(&digits, *s);
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '\0')
		goto out;
	errno = 0;
	n = strtoll(digits.buf, NULL, 10);
	if (errno == 0 && n <= (1LL << 53) && n >= -(1LL << 53))
		v = cJSON_CreateNumber((double)n);
	else
		v = cJSON_CreateRaw(digits.buf[0] == '+' ? digits.buf + 1 :
		    digits.buf);
out:
	hs_buf_release(&digits);
	return v;
}

/* Read a float as Python's float() does ("1.5", "1e3", "nan", "inf"). */
cJSON *
hs_py_float(const char *s)
{
	char *end, *copy;
	size_t n;
	double d;
	cJSON *v = NULL;

	while (isspace((unsigned char)*s))
		s++;
	copy = hs_xstrdup(s);
	for (n = strlen(copy); n > 0 && isspace((unsigned char)copy[n - 1]); n--)
		copy[n - 1] = '\0';
	errno = 0;
	d = strtod(copy, &end);
	if (*copy == '\0' || *end != '\0' || strchr(copy, 'x') ||
	    strchr(copy, 'X'))
		goto out;
	if (isnan(d))
		v = cJSON_CreateString("NaN");
	else if (isinf(d))
		v = cJSON_CreateString(d > 0 ? "Infinity" : "-Infinity");
	else
		v = cJSON_CreateNumber(d);
out:
	free(copy);
	return v;
}

/* Put v in parent in place of old (which is freed), under old's key. */
static void
replace(cJSON *parent, cJSON *old, cJSON *v)
{
	if (old->string != NULL) {
		size_t n = strlen(old->string) + 1;

		v->string = cJSON_malloc(n);
		memcpy(v->string, old->string, n);
		v->type &= ~cJSON_StringIsConst;
	}
	cJSON_ReplaceItemViaPointer(parent, old, v);
}

/* _visit_scalar: numbers and booleans from text. */
static int
fit_scalar(cJSON *parent, cJSON *value, const struct aws_shape *s,
    const char *path, char **cause)
{
	cJSON *v = NULL;

	if (!cJSON_IsString(value))
		return 0;
	if (aws_shape_is_integer(s->type)) {
		if ((v = hs_py_int(value->valuestring)) == NULL)
			goto bad;
	} else if (s->type == AWS_SHAPE_FLOAT || s->type == AWS_SHAPE_DOUBLE) {
		if ((v = hs_py_float(value->valuestring)) == NULL)
			goto bad;
	} else if (s->type == AWS_SHAPE_BOOLEAN) {
		if (strcasecmp(value->valuestring, "true") == 0)
			v = cJSON_CreateTrue();
		else if (strcasecmp(value->valuestring, "false") == 0)
			v = cJSON_CreateFalse();
	}
	if (v != NULL)
		replace(parent, value, v);
	return 0;
bad:
	*cause = hs_xasprintf("invalid %s value for %s: '%s'",
	    aws_shape_type_name(s->type), path, value->valuestring);
	return -1;
}

/* _visit_structure: the members the model knows, in its order. */
static int
fit_structure(cJSON *value, const struct aws_shape *s, const char *path,
    char **cause)
{
	size_t i;

	if (!cJSON_IsObject(value))
		return 0;
	for (i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		cJSON *v = cJSON_GetObjectItemCaseSensitive(value, m->name);
		char *sub;
		int rc;

		if (v == NULL)
			continue;
		if (m->ref.shape->flags & AWS_SHAPE_DOCUMENT) {
			*cause = hs_xasprintf("Shorthand syntax does not support "
			    "document types. Use JSON input for top-level "
			    "argument to specify nested parameter: %s", m->name);
			return -1;
		}
		sub = *path ? hs_xasprintf("%s.%s", path, m->name) :
		    hs_xstrdup(m->name);
		rc = fit(value, v, &m->ref, sub, cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* _visit_list: a scalar becomes a one-item list; items are fitted. */
static int
fit_list(cJSON *parent, cJSON *value, const struct aws_shape *s,
    const char *path, char **cause)
{
	cJSON *item, *next;
	size_t i = 0;

	if (!cJSON_IsArray(value)) {
		cJSON *list = cJSON_CreateArray();

		cJSON_AddItemToArray(list, cJSON_Duplicate(value, true));
		replace(parent, value, list);
		value = list;
	}
	for (item = value->child; item != NULL; item = next, i++) {
		char *sub = hs_xasprintf("%s[%zu]", *path ? path : "input", i);
		int rc;

		next = item->next;
		rc = fit(value, item, &s->member, sub, cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* _visit_map: the values are fitted, the keys stay text. */
static int
fit_map(cJSON *value, const struct aws_shape *s, const char *path,
    char **cause)
{
	cJSON *item, *next;

	if (!cJSON_IsObject(value))
		return 0;
	for (item = value->child; item != NULL; item = next) {
		char *sub = hs_xasprintf("%s.%s", *path ? path : "input",
		    item->string);
		int rc;

		next = item->next;
		rc = fit(value, item, &s->value, sub, cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
fit(cJSON *parent, cJSON *value, const struct aws_ref *ref, const char *path,
    char **cause)
{
	const struct aws_shape *s = ref->shape;

	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		if (s->flags & AWS_SHAPE_DOCUMENT)
			return 0;
		return fit_structure(value, s, path, cause);
	case AWS_SHAPE_LIST:
		return fit_list(parent, value, s, path, cause);
	case AWS_SHAPE_MAP:
		return fit_map(value, s, path, cause);
	default:
		return fit_scalar(parent, value, s, path, cause);
	}
}

/* Fit a parsed shorthand value to a shape (BackCompatVisitor). */
int
hs_shorthand_fit(cJSON **value, const struct aws_ref *ref, const char *name,
    char **cause)
{
	cJSON *holder = cJSON_CreateArray();
	int rc;

	/* A parent to replace the value in, handed back afterwards. */
	cJSON_AddItemToArray(holder, *value);
	rc = fit(holder, holder->child, ref, name, cause);
	*value = cJSON_DetachItemFromArray(holder, 0);
	cJSON_Delete(holder);
	return rc;
}

/* --- the documented example (ParamShorthandDocGen) ---------------------- */

struct doc_stack {
	const char *names[DOC_MAX_STACK + 2];
	size_t n;
	const char *skip;	/* a top-level member left out, or NULL */
};

static int doc_shape(struct hs_buf *out, const struct aws_shape *s,
    struct doc_stack *st);

static int
doc_push(struct doc_stack *st, const char *name)
{
	if (st->n > DOC_MAX_STACK)
		return -1;
	st->names[st->n++] = name;
	return 0;
}

/* name=value of one structure member, or a recursion marker. */
static int
doc_member(struct hs_buf *out, const struct aws_member *m,
    struct doc_stack *st)
{
	size_t i;
	int rc;

	hs_buf_addf(out, "%s=", m->name);
	for (i = 0; i < st->n; i++)
		if (strcmp(st->names[i], m->ref.shape->name) == 0) {
			hs_buf_adds(out, "( ... recursive ... )");
			return 0;
		}
	if (doc_push(st, m->ref.shape->name) < 0)
		return -1;
	rc = doc_shape(out, m->ref.shape, st);
	st->n--;
	return rc;
}

static int
doc_structure(struct hs_buf *out, const struct aws_shape *s,
    struct doc_stack *st)
{
	bool nested = st->n > 0, first = true;
	size_t i;

	if (nested)
		hs_buf_addch(out, '{');
	for (i = 0; i < s->n_members; i++) {
		if (document_container(s->members[i].ref.shape) ||
		    (!nested && st->skip != NULL &&
		    strcmp(s->members[i].name, st->skip) == 0))
			continue;
		if (!first)
			hs_buf_addch(out, ',');
		first = false;
		if (doc_member(out, &s->members[i], st) < 0)
			return -1;
	}
	if (nested)
		hs_buf_addch(out, '}');
	return 0;
}

static int
doc_list(struct hs_buf *out, const struct aws_shape *s, struct doc_stack *st)
{
	const struct aws_shape *m = s->member.shape;
	struct hs_buf item = HS_BUF_INIT;
	bool bracket;
	int rc;

	if (doc_push(st, m->name) < 0)
		return -1;
	rc = doc_shape(&item, m, st);
	st->n--;
	bracket = m->type == AWS_SHAPE_STRUCTURE || m->type == AWS_SHAPE_LIST ||
	    m->type == AWS_SHAPE_MAP || st->n > 1;
	if (rc == 0)
		hs_buf_addf(out, bracket ? "[%s,%s]" : "%s,%s", item.buf,
		    item.buf);
	hs_buf_release(&item);
	return rc;
}

static int
doc_map(struct hs_buf *out, const struct aws_shape *s, struct doc_stack *st)
{
	const struct aws_shape *k = s->key.shape;
	struct hs_buf v = HS_BUF_INIT;
	size_t i;

	if (doc_shape(&v, s->value.shape, st) < 0) {
		hs_buf_release(&v);
		return -1;
	}
	if (st->n > 0)
		hs_buf_addch(out, '{');
	hs_buf_addf(out, "KeyName1=%s,KeyName2=%s", v.buf, v.buf);
	if (st->n > 0)
		hs_buf_addch(out, '}');
	else if (k->n_enums > 0) {
		hs_buf_adds(out, "\n\nWhere valid key names are:\n");
		for (i = 0; i < k->n_enums; i++)
			hs_buf_addf(out, "  %s\n", k->enums[i]);
	}
	hs_buf_release(&v);
	return 0;
}

static int
doc_shape(struct hs_buf *out, const struct aws_shape *s, struct doc_stack *st)
{
	if (st->n > DOC_MAX_STACK)
		return -1;
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		return doc_structure(out, s, st);
	case AWS_SHAPE_LIST:
		return doc_list(out, s, st);
	case AWS_SHAPE_MAP:
		return doc_map(out, s, st);
	default:
		hs_buf_adds(out, aws_shape_type_name(s->type));
		return 0;
	}
}

/* Append the shorthand example the CLI documents for an argument. */
bool
hs_shorthand_example(struct hs_buf *out, const struct aws_shape *shape,
    const char *skip)
{
	struct doc_stack st = { { NULL }, 0, skip };
	struct hs_buf b = HS_BUF_INIT;
	bool ok;

	if (!hs_shorthand_supported(shape))
		return false;
	if (shape->type == AWS_SHAPE_STRUCTURE && shape->n_members == 1 &&
	    strcmp(shape->members[0].name, "Value") == 0 &&
	    shape->members[0].ref.shape->type == AWS_SHAPE_STRING)
		return false;
	if (shape->type == AWS_SHAPE_LIST) {
		ok = doc_shape(&b, shape->member.shape, &st) == 0;
		hs_buf_adds(&b, " ...");
	} else
		ok = doc_shape(&b, shape, &st) == 0;
	ok = ok && b.len > 0;
	if (ok)
		hs_buf_addbuf(out, &b);
	hs_buf_release(&b);
	return ok;
}
