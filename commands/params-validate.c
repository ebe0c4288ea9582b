/*
 * params-validate.c: the checks an input passes before anything is sent.
 *
 * botocore's own checks come from aws_model_validate_input() (required
 * and unknown members, types, minimum lengths and values). Three more
 * are made here, as the issue asks and a careful operator wants, though
 * the CLI leaves them to the service or fails later:
 *
 *   - enum values: "Invalid value for parameter ACL, value: x, valid
 *     values: private, public-read, ..." (the CLI sends them as they are);
 *   - integer ranges of the type (byte, short, integer: 32 bits, long:
 *     64 bits), which Python's unbounded int lets through;
 *   - base64 text for blobs: 'Invalid base64: "..."' (CLI v2 decodes it
 *     too, but exits 255 on a bad one).
 *
 * Every problem is listed, one per line, after "Parameter validation
 * failed:" as botocore prints them.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <errno.h>

/* The problems found, and the blobs reported as not base64 (whose
 * "Invalid type" line from the model's check would say it again). */
struct report {
	struct hs_buf text;
	struct hs_buf skip;	/* "Invalid type for parameter P, " lines */
};

static void check(struct report *r, const struct aws_ref *ref,
    const cJSON *v, const char *name);

static void
line(struct report *r, const char *fmt, ...) HS_PRINTF(2, 3);

static void
line(struct report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->text.len > 0)
		hs_buf_addch(&r->text, '\n');
	va_start(ap, fmt);
	hs_buf_vaddf(&r->text, fmt, ap);
	va_end(ap);
}

/* The range of an integer type. */
static void
int_range(enum aws_shape_type type, long long *min, long long *max)
{
	switch (type) {
	case AWS_SHAPE_BYTE:
		*min = -128, *max = 127;
		break;
	case AWS_SHAPE_SHORT:
		*min = -32768, *max = 32767;
		break;
	case AWS_SHAPE_INTEGER:
		*min = INT32_MIN, *max = INT32_MAX;
		break;
	default:
		*min = INT64_MIN, *max = INT64_MAX;
		break;
	}
}

/* Check that an integer value fits its type. */
static void
check_int(struct report *r, enum aws_shape_type type, const cJSON *v,
    const char *name)
{
	struct hs_buf text = HS_BUF_INIT;
	long long min, max, n;
	bool ok;

	if (aws_format_integer(&text, v) < 0) {
		hs_buf_release(&text);
		return;		/* not an integer: the model's check says so */
	}
	int_range(type, &min, &max);
	errno = 0;
	n = strtoll(text.buf, NULL, 10);
	ok = errno == 0 && n >= min && n <= max;
	if (!ok)
		line(r, "Invalid value for parameter %s, value: %s, valid range: "
		    "%lld to %lld (%s)", name, text.buf, min, max,
		    aws_shape_type_name(type));
	hs_buf_release(&text);
}

/* Check that a string is one of its shape's enum values. */
static void
check_enum(struct report *r, const struct aws_shape *s, const char *value,
    const char *name)
{
	struct hs_buf valid = HS_BUF_INIT;
	size_t i;

	for (i = 0; i < s->n_enums; i++)
		if (strcmp(s->enums[i], value) == 0)
			return;
	for (i = 0; i < s->n_enums; i++)
		hs_buf_addf(&valid, "%s%s", i ? ", " : "", s->enums[i]);
	line(r, "Invalid value for parameter %s, value: %s, valid values: %s",
	    name, value, valid.buf);
	hs_buf_release(&valid);
}

static void
check_scalar(struct report *r, const struct aws_shape *s, const cJSON *v,
    const char *name)
{
	if (aws_shape_is_integer(s->type) && (cJSON_IsNumber(v) ||
	    cJSON_IsRaw(v)))
		check_int(r, s->type, v, name);
	else if (s->type == AWS_SHAPE_STRING && s->n_enums > 0 &&
	    cJSON_IsString(v))
		check_enum(r, s, v->valuestring, name);
	else if (s->type == AWS_SHAPE_BLOB && cJSON_IsString(v) &&
	    !aws_base64_valid(v->valuestring)) {
		line(r, "Invalid base64: \"%s\"", v->valuestring);
		hs_buf_addf(&r->skip, "Invalid type for parameter %s, \n",
		    name);
	}
}

/* Check the items of a list or the values of a map or structure. */
static void
check_children(struct report *r, const struct aws_shape *s, const cJSON *v,
    const char *name)
{
	const cJSON *item;
	size_t i = 0;

	cJSON_ArrayForEach(item, v) {
		const struct aws_member *m = NULL;
		const struct aws_ref *ref = NULL;
		char *sub;

		if (s->type == AWS_SHAPE_LIST) {
			ref = &s->member;
			sub = hs_xasprintf("%s[%zu]", name, i++);
		} else {
			if (s->type == AWS_SHAPE_MAP)
				ref = &s->value;
			else if ((m = aws_model_find_member(s,
			    item->string)) != NULL)
				ref = &m->ref;
			sub = *name ? hs_xasprintf("%s.%s", name, item->string) :
			    hs_xstrdup(item->string);
		}
		if (ref != NULL)
			check(r, ref, item, sub);
		free(sub);
	}
}

static void
check(struct report *r, const struct aws_ref *ref, const cJSON *v,
    const char *name)
{
	const struct aws_shape *s = ref->shape;

	if (s->flags & AWS_SHAPE_DOCUMENT)
		return;
	if ((s->type == AWS_SHAPE_LIST && cJSON_IsArray(v)) ||
	    ((s->type == AWS_SHAPE_MAP || s->type == AWS_SHAPE_STRUCTURE) &&
	    cJSON_IsObject(v)))
		check_children(r, s, v, name);
	else
		check_scalar(r, s, v, name);
}

/* Tell whether a line of the model's report is already said. */
static bool
skipped(const struct report *r, const char *l, size_t len)
{
	const char *p = r->skip.buf, *nl;

	for (; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		if ((size_t)(nl - p) <= len && memcmp(l, p, (size_t)(nl - p)) == 0)
			return true;
	return false;
}

/* Add the model's report, less the lines already said. */
static void
add_model_report(struct report *r, const char *model)
{
	const char *p = model;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		if (!skipped(r, p, len))
			line(r, "%.*s", (int)len, p);
		p += len + (p[len] == '\n');
	}
}

/* Check an input against its operation. */
int
hs_params_validate(const struct aws_operation *op, const cJSON *input,
    char **cause)
{
	struct report r = { HS_BUF_INIT, HS_BUF_INIT };
	char *model = NULL;
	int rc = 0;

	if (op->input.shape != NULL && input != NULL)
		check(&r, &op->input, input, "");
	if (aws_model_validate_input(op, input, &model) < 0) {
		add_model_report(&r, model);
		free(model);
	}
	if (r.text.len > 0) {
		*cause = hs_xasprintf("Parameter validation failed:\n%s",
		    r.text.buf);
		rc = -1;
	}
	hs_buf_release(&r.text);
	hs_buf_release(&r.skip);
	return rc;
}
