/*
 * model-validate.c: botocore's ParamValidator (validate.py) over cJSON
 * inputs in protocol.h's form, with botocore's messages:
 *
 *   Missing required parameter in input: "Bucket"
 *   Unknown parameter in Tags[0]: "Kye", must be one of: Key, Value
 *   Invalid type for parameter MaxKeys, value: abc, type: <class 'str'>,
 *     valid types: <class 'int'>
 *   Invalid length for parameter Bucket, value: 0, valid min length: 1
 *   Invalid value for parameter MaxKeys, value: -1, valid min value: 0
 *
 * As in botocore only the minimum of lengths and ranges is checked (the
 * service checks the rest), enum values are not checked, and missing
 * idempotency tokens are not reported (they are filled in). A timestamp
 * must be a number or text aws_time_parse() reads; a blob is a base64
 * string, or {"file": PATH} for a streaming payload.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <math.h>

struct report {
	struct hs_buf text;
};

static void validate(struct report *r, const struct aws_ref *ref,
    const cJSON *v, const char *name);

static void
add(struct report *r, const char *fmt, ...) HS_PRINTF(2, 3);

static void
add(struct report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->text.len > 0)
		hs_buf_addch(&r->text, '\n');
	va_start(ap, fmt);
	hs_buf_vaddf(&r->text, fmt, ap);
	va_end(ap);
}

static const char *
display(const char *name)
{
	return *name ? name : "input";
}

/* Python's type name of a JSON value, as botocore prints it. */
static const char *
py_type(const cJSON *v)
{
	if (cJSON_IsString(v))
		return "<class 'str'>";
	if (cJSON_IsBool(v))
		return "<class 'bool'>";
	if (cJSON_IsRaw(v))
		return "<class 'int'>";
	if (cJSON_IsNumber(v))
		return floor(v->valuedouble) == v->valuedouble ?
		    "<class 'int'>" : "<class 'float'>";
	if (cJSON_IsArray(v))
		return "<class 'list'>";
	if (cJSON_IsObject(v))
		return "<class 'dict'>";
	return "<class 'NoneType'>";
}

static void
invalid_type(struct report *r, const char *name, const cJSON *v,
    const char *valid)
{
	char *text = cJSON_IsString(v) ? hs_xstrdup(v->valuestring) :
	    cJSON_PrintUnformatted(v);

	add(r, "Invalid type for parameter %s, value: %s, type: %s, valid "
	    "types: %s", display(name), text ? text : "None", py_type(v), valid);
	free(text);
}

/* Check the minimum of a length or value. */
static void
check_min(struct report *r, const struct aws_ref *ref, double value,
    const char *name, bool length)
{
	double min;

	if (ref->shape->flags & AWS_SHAPE_HAS_MIN)
		min = ref->shape->min;
	else if (ref->traits->flags & AWS_TRAIT_HOST_LABEL)
		min = 1;
	else
		return;
	if (value >= min)
		return;
	if (length)
		add(r, "Invalid length for parameter %s, value: %.0f, valid "
		    "min length: %.0f", display(name), value, min);
	else
		add(r, "Invalid value for parameter %s, value: %.15g, valid "
		    "min value: %.15g", display(name), value, min);
}

/* Count the characters (code points) of a UTF-8 string, as len(). */
static size_t
utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
validate_structure(struct report *r, const struct aws_shape *s,
    const cJSON *v, const char *name)
{
	const cJSON *item;
	size_t i;

	if (!cJSON_IsObject(v)) {
		invalid_type(r, name, v, "<class 'dict'>");
		return;
	}
	if ((s->flags & AWS_SHAPE_UNION) && cJSON_GetArraySize(v) != 1)
		add(r, cJSON_GetArraySize(v) == 0 ? "Must set one of the "
		    "following keys for tagged union structure %s." :
		    "Invalid number of parameters set for tagged union "
		    "structure %s. Can only set one of the following keys.",
		    display(name));
	for (i = 0; i < s->n_members; i++)
		if (s->members[i].required && !(s->members[i].ref.traits->flags &
		    AWS_TRAIT_IDEMPOTENCY_TOKEN) &&
		    cJSON_GetObjectItemCaseSensitive(v, s->members[i].name) ==
		    NULL)
			add(r, "Missing required parameter in %s: \"%s\"",
			    display(name), s->members[i].name);
	cJSON_ArrayForEach(item, v) {
		struct hs_buf names = HS_BUF_INIT;

		if (aws_model_find_member(s, item->string) != NULL)
			continue;
		for (i = 0; i < s->n_members; i++)
			hs_buf_addf(&names, "%s%s", i ? ", " : "",
			    s->members[i].name);
		add(r, "Unknown parameter in %s: \"%s\", must be one of: %s",
		    display(name), item->string, names.buf);
		hs_buf_release(&names);
	}
	cJSON_ArrayForEach(item, v) {
		const struct aws_member *m = aws_model_find_member(s,
		    item->string);
		char *sub;

		if (m == NULL)
			continue;
		sub = *name ? hs_xasprintf("%s.%s", name, m->name) :
		    hs_xstrdup(m->name);
		validate(r, &m->ref, item, sub);
		free(sub);
	}
}

static void
validate_list(struct report *r, const struct aws_ref *ref, const cJSON *v,
    const char *name)
{
	const cJSON *item;
	size_t i = 0;

	if (!cJSON_IsArray(v)) {
		invalid_type(r, name, v, "<class 'list'>, <class 'tuple'>");
		return;
	}
	check_min(r, ref, cJSON_GetArraySize(v), name, true);
	cJSON_ArrayForEach(item, v) {
		char *sub = hs_xasprintf("%s[%zu]", display(name), i++);

		validate(r, &ref->shape->member, item, sub);
		free(sub);
	}
}

static void
validate_map(struct report *r, const struct aws_ref *ref, const cJSON *v,
    const char *name)
{
	const cJSON *item;

	if (!cJSON_IsObject(v)) {
		invalid_type(r, name, v, "<class 'dict'>");
		return;
	}
	cJSON_ArrayForEach(item, v) {
		char *sub = hs_xasprintf("%s.%s", display(name), item->string);

		validate(r, &ref->shape->value, item, sub);
		free(sub);
	}
}

static bool
is_integer(const cJSON *v)
{
	return cJSON_IsRaw(v) || (cJSON_IsNumber(v) &&
	    floor(v->valuedouble) == v->valuedouble);
}

/* Validate a scalar. */
static void
validate_scalar(struct report *r, const struct aws_ref *ref, const cJSON *v,
    const char *name)
{
	struct aws_time t;

	switch (ref->shape->type) {
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
		if ((ref->traits->flags & AWS_TRAIT_JSONVALUE) &&
		    ref->traits->location == AWS_LOCATION_HEADER)
			return;
		if (!cJSON_IsString(v))
			invalid_type(r, name, v, "<class 'str'>");
		else
			check_min(r, ref, utf8_length(v->valuestring), name, true);
		return;
	case AWS_SHAPE_BOOLEAN:
		if (!cJSON_IsBool(v))
			invalid_type(r, name, v, "<class 'bool'>");
		return;
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		if (cJSON_IsNumber(v))
			check_min(r, ref, v->valuedouble, name, false);
		else if (!cJSON_IsString(v) || (strcmp(v->valuestring, "NaN") &&
		    strcmp(v->valuestring, "Infinity") &&
		    strcmp(v->valuestring, "-Infinity")))
			invalid_type(r, name, v, "<class 'float'>, <class "
			    "'decimal.Decimal'>, <class 'int'>");
		return;
	case AWS_SHAPE_TIMESTAMP:
		if (aws_time_from_json(v, &t) < 0)
			invalid_type(r, name, v, "<class 'datetime.datetime'>, "
			    "timestamp-string");
		return;
	case AWS_SHAPE_BLOB:
		if (cJSON_IsObject(v) && cJSON_IsString(
		    cJSON_GetObjectItemCaseSensitive(v, "file")))
			return;
		if (!cJSON_IsString(v) || !aws_base64_valid(v->valuestring))
			invalid_type(r, name, v, "<class 'bytes'>, <class "
			    "'bytearray'>, file-like object");
		return;
	default:
		if (!is_integer(v))
			invalid_type(r, name, v, "<class 'int'>");
		else
			check_min(r, ref, cJSON_IsRaw(v) ? strtod(v->valuestring,
			    NULL) : v->valuedouble, name, false);
		return;
	}
}

static void
validate(struct report *r, const struct aws_ref *ref, const cJSON *v,
    const char *name)
{
	if (ref->shape->flags & AWS_SHAPE_DOCUMENT)
		return;
	switch (ref->shape->type) {
	case AWS_SHAPE_STRUCTURE:
		validate_structure(r, ref->shape, v, name);
		break;
	case AWS_SHAPE_LIST:
		validate_list(r, ref, v, name);
		break;
	case AWS_SHAPE_MAP:
		validate_map(r, ref, v, name);
		break;
	default:
		validate_scalar(r, ref, v, name);
	}
}

/* Check an input against an operation's input shape. */
int
aws_model_validate_input(const struct aws_operation *op, const cJSON *input,
    char **cause)
{
	struct report r = { HS_BUF_INIT };
	cJSON *empty = cJSON_CreateObject();

	if (input == NULL)
		input = empty;
	if (op->input.shape == NULL) {
		if (input != NULL && cJSON_GetArraySize(input) > 0)
			add(&r, "Unknown parameter in input: \"%s\", must be "
			    "one of: ", input->child->string);
	} else
		validate(&r, &op->input, input, "");
	cJSON_Delete(empty);
	if (r.text.len == 0) {
		hs_buf_release(&r.text);
		return 0;
	}
	*cause = hs_buf_detach(&r.text, NULL);
	return -1;
}
