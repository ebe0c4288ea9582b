/*
 * protocol-json-body.c: shapes to JSON bodies and back, for the json and
 * rest-json protocols (botocore's JSONSerializer and BaseJSONParser).
 *
 * Writing: members in model order under their locationName (else their
 * name), nulls left out of structures, timestamps as epoch seconds unless
 * the model says otherwise, blobs as base64, NaN and the infinities as
 * strings. Reading: members in model order; a union with an unknown
 * member becomes {"SDK_UNKNOWN_MEMBER": {"name": TAG}} as in botocore.
 * Clients read leniently: a value of the wrong JSON type is passed
 * through as botocore passes it (the CLI prints what came); the sandbox
 * reads strictly and refuses it.
 */
#include "hs-common.h"
#include "protocol-int.h"

#include <math.h>

static int write_value(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *path, char **cause);

static int
type_error(char **cause, const char *path, const cJSON *v, const char *want)
{
	*cause = hs_xasprintf("invalid type for parameter %s: got %s, "
	    "expected %s", *path ? path : "input", aws_json_type_name(v),
	    want);
	return -1;
}

/* Refuse input keys that are not members of the structure. */
int
aws_check_members(const struct aws_shape *shape, const cJSON *v,
    const char *path, char **cause)
{
	const cJSON *item;

	cJSON_ArrayForEach(item, v) {
		if (aws_model_find_member(shape, item->string) != NULL)
			continue;
		*cause = hs_xasprintf("unknown parameter %s%s'%s' for '%s'",
		    *path ? path : "", *path ? ": " : "", item->string,
		    shape->name);
		return -1;
	}
	return 0;
}

/* Append a structure's members as a JSON object. */
int
aws_json_body_write_members(struct hs_buf *out, const struct aws_shape *shape,
    const cJSON *v, enum aws_scope scope, const char *path, char **cause)
{
	bool first = true;
	size_t i;

	if (!cJSON_IsObject(v))
		return type_error(cause, path, v, "an object");
	if (aws_check_members(shape, v, path, cause) < 0)
		return -1;
	hs_buf_addch(out, '{');
	for (i = 0; i < shape->n_members; i++) {
		const struct aws_member *m = &shape->members[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(v, m->name);
		const char *key = aws_ref_name(&m->ref, m->name);
		char *sub;
		int rc;

		if (item == NULL || cJSON_IsNull(item))
			continue;
		if (!aws_member_in_scope(m, scope))
			continue;
		if (!first)
			hs_buf_addch(out, ',');
		first = false;
		aws_json_write_string(out, key, strlen(key));
		hs_buf_addch(out, ':');
		sub = aws_path_member(path, m->name);
		rc = write_value(out, &m->ref, item, sub, cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	hs_buf_addch(out, '}');
	return 0;
}

static int
write_list(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	const cJSON *item;
	size_t i = 0;

	if (!cJSON_IsArray(v))
		return type_error(cause, path, v, "a list");
	hs_buf_addch(out, '[');
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_index(path, i);
		int rc = 0;

		if (i++)
			hs_buf_addch(out, ',');
		if (cJSON_IsNull(item))
			hs_buf_adds(out, "null");
		else
			rc = write_value(out, &ref->shape->member, item, sub,
			    cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	hs_buf_addch(out, ']');
	return 0;
}

static int
write_map(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	const cJSON *item;
	bool first = true;

	if (!cJSON_IsObject(v))
		return type_error(cause, path, v, "a map (object)");
	hs_buf_addch(out, '{');
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_key(path, item->string);
		int rc = 0;

		if (!first)
			hs_buf_addch(out, ',');
		first = false;
		aws_json_write_string(out, item->string, strlen(item->string));
		hs_buf_addch(out, ':');
		if (cJSON_IsNull(item))
			hs_buf_adds(out, "null");
		else
			rc = write_value(out, &ref->shape->value, item, sub,
			    cause);
		free(sub);
		if (rc < 0)
			return -1;
	}
	hs_buf_addch(out, '}');
	return 0;
}

/* Append a timestamp: epoch seconds unless the model names a format. */
static int
write_timestamp(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *path, char **cause)
{
	enum aws_timestamp_format fmt = aws_ref_timestamp_format(ref,
	    AWS_TIMESTAMP_UNIX);
	struct hs_buf text = HS_BUF_INIT;

	if (aws_scalar_to_text(&text, ref, v, fmt, path, cause) < 0) {
		hs_buf_release(&text);
		return -1;
	}
	if (fmt == AWS_TIMESTAMP_UNIX)
		hs_buf_addbuf(out, &text);
	else
		aws_json_write_string(out, text.buf, text.len);
	hs_buf_release(&text);
	return 0;
}

/* Append a scalar as JSON. */
static int
write_scalar(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	struct hs_buf text = HS_BUF_INIT;
	enum aws_shape_type t = ref->shape->type;
	int rc;

	if (t == AWS_SHAPE_TIMESTAMP)
		return write_timestamp(out, ref, v, path, cause);
	rc = aws_scalar_to_text(&text, ref, v, AWS_TIMESTAMP_ISO8601, path,
	    cause);
	if (rc == 0) {
		bool quoted = t == AWS_SHAPE_STRING || t == AWS_SHAPE_CHARACTER ||
		    t == AWS_SHAPE_BLOB || cJSON_IsString(v);

		if (quoted)
			aws_json_write_string(out, text.buf, text.len);
		else
			hs_buf_addbuf(out, &text);
	}
	hs_buf_release(&text);
	return rc;
}

static int
write_value(struct hs_buf *out, const struct aws_ref *ref, const cJSON *v,
    const char *path, char **cause)
{
	const struct aws_shape *s = ref->shape;

	if (s->flags & AWS_SHAPE_DOCUMENT) {
		aws_json_write_value(out, v);
		return 0;
	}
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		return aws_json_body_write_members(out, s, v, AWS_SCOPE_ALL,
		    path, cause);
	case AWS_SHAPE_LIST:
		return write_list(out, ref, v, path, cause);
	case AWS_SHAPE_MAP:
		return write_map(out, ref, v, path, cause);
	default:
		return write_scalar(out, ref, v, path, cause);
	}
}

/* Append the JSON of value v (of ref). */
int
aws_json_body_write(struct hs_buf *out, const struct aws_ref *ref,
    const cJSON *v, const char *path, char **cause)
{
	return write_value(out, ref, v, path, cause);
}

static cJSON *read_value(const struct aws_ref *ref, const cJSON *v,
    const char *path, bool strict, char **cause);

static cJSON *
read_error(char **cause, const char *path, const cJSON *v, const char *want)
{
	*cause = hs_xasprintf("invalid value for '%s': got %s, expected %s",
	    *path ? path : "body", aws_json_type_name(v), want);
	return NULL;
}

/* The tag of a union value that names no member, or NULL. */
static const char *
unknown_union_tag(const struct aws_shape *s, const cJSON *v, bool *bad)
{
	const cJSON *item, *tag = NULL;
	size_t i, n = 0;

	cJSON_ArrayForEach(item, v) {
		if (strcmp(item->string, "__type") == 0 || cJSON_IsNull(item))
			continue;
		tag = item;
		n++;
	}
	*bad = n != 1;
	if (n != 1)
		return NULL;
	for (i = 0; i < s->n_members; i++)
		if (strcmp(aws_ref_name(&s->members[i].ref,
		    s->members[i].name), tag->string) == 0)
			return NULL;
	return tag->string;
}

static cJSON *
read_union_unknown(const char *tag)
{
	cJSON *obj = cJSON_CreateObject(), *inner = cJSON_CreateObject();

	cJSON_AddStringToObject(inner, "name", tag);
	cJSON_AddItemToObject(obj, "SDK_UNKNOWN_MEMBER", inner);
	return obj;
}

static cJSON *
read_structure(const struct aws_shape *s, const cJSON *v, const char *path,
    bool strict, char **cause)
{
	cJSON *obj;
	size_t i;

	if (!cJSON_IsObject(v))
		return read_error(cause, path, v, "an object");
	if (s->flags & AWS_SHAPE_UNION) {
		bool bad;
		const char *tag = unknown_union_tag(s, v, &bad);

		if (bad) {
			*cause = hs_xasprintf("invalid value for '%s': union "
			    "'%s' must have exactly one member set",
			    *path ? path : "body", s->name);
			return NULL;
		}
		if (tag != NULL)
			return read_union_unknown(tag);
	}
	obj = cJSON_CreateObject();
	for (i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];
		const cJSON *item = cJSON_GetObjectItemCaseSensitive(v,
		    aws_ref_name(&m->ref, m->name));
		char *sub;
		cJSON *val;

		if (item == NULL || cJSON_IsNull(item))
			continue;
		sub = aws_path_member(path, m->name);
		val = read_value(&m->ref, item, sub, strict, cause);
		free(sub);
		if (val == NULL) {
			cJSON_Delete(obj);
			return NULL;
		}
		cJSON_AddItemToObject(obj, m->name, val);
	}
	return obj;
}

static cJSON *
read_list(const struct aws_ref *ref, const cJSON *v, const char *path,
    bool strict, char **cause)
{
	const cJSON *item;
	cJSON *arr;
	size_t i = 0;

	if (!cJSON_IsArray(v))
		return read_error(cause, path, v, "a list");
	arr = cJSON_CreateArray();
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_index(path, i++);
		cJSON *val = cJSON_IsNull(item) ? cJSON_CreateNull() :
		    read_value(&ref->shape->member, item, sub, strict, cause);

		free(sub);
		if (val == NULL) {
			cJSON_Delete(arr);
			return NULL;
		}
		cJSON_AddItemToArray(arr, val);
	}
	return arr;
}

static cJSON *
read_map(const struct aws_ref *ref, const cJSON *v, const char *path,
    bool strict, char **cause)
{
	const cJSON *item;
	cJSON *obj;

	if (!cJSON_IsObject(v))
		return read_error(cause, path, v, "a map (object)");
	obj = cJSON_CreateObject();
	cJSON_ArrayForEach(item, v) {
		char *sub = aws_path_key(path, item->string);
		cJSON *val = cJSON_IsNull(item) ? cJSON_CreateNull() :
		    read_value(&ref->shape->value, item, sub, strict, cause);

		free(sub);
		if (val == NULL) {
			cJSON_Delete(obj);
			return NULL;
		}
		cJSON_AddItemToObject(obj, item->string, val);
	}
	return obj;
}

/* Read a number for an integer or float member. */
static cJSON *
read_number(const struct aws_ref *ref, const cJSON *v, const char *path,
    char **cause)
{
	bool is_float = ref->shape->type == AWS_SHAPE_FLOAT ||
	    ref->shape->type == AWS_SHAPE_DOUBLE;

	if (cJSON_IsNumber(v) || cJSON_IsRaw(v))
		return cJSON_Duplicate(v, false);
	if (is_float && cJSON_IsString(v))
		return aws_float_from_text(v->valuestring);
	return read_error(cause, path, v, "a number");
}

static cJSON *
read_scalar(const struct aws_ref *ref, const cJSON *v, const char *path,
    char **cause)
{
	struct aws_time t;
	struct hs_buf b = HS_BUF_INIT;
	cJSON *out;

	switch (ref->shape->type) {
	case AWS_SHAPE_BOOLEAN:
		if (!cJSON_IsBool(v))
			return read_error(cause, path, v, "true or false");
		return cJSON_Duplicate(v, false);
	case AWS_SHAPE_TIMESTAMP:
		if (aws_time_from_json(v, &t) < 0)
			return read_error(cause, path, v, "a timestamp");
		aws_time_format_output(&b, &t);
		out = cJSON_CreateString(b.buf);
		hs_buf_release(&b);
		return out;
	case AWS_SHAPE_BLOB:
		if (!cJSON_IsString(v))
			return read_error(cause, path, v, "a base64 string");
		return aws_scalar_from_text(ref, v->valuestring,
		    strlen(v->valuestring), path, cause);
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
		if (!cJSON_IsString(v))
			return read_error(cause, path, v, "a string");
		return cJSON_Duplicate(v, false);
	default:
		return read_number(ref, v, path, cause);
	}
}

/* Tell whether a value has the JSON type its shape needs. */
static bool
json_type_fits(const struct aws_shape *s, const cJSON *v)
{
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
	case AWS_SHAPE_MAP:
		return cJSON_IsObject(v);
	case AWS_SHAPE_LIST:
		return cJSON_IsArray(v);
	case AWS_SHAPE_BOOLEAN:
		return cJSON_IsBool(v);
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
	case AWS_SHAPE_BLOB:
		return cJSON_IsString(v);
	case AWS_SHAPE_TIMESTAMP:
		return cJSON_IsString(v) || cJSON_IsNumber(v);
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		return cJSON_IsNumber(v) || cJSON_IsString(v);
	default:
		return cJSON_IsNumber(v) || cJSON_IsRaw(v);
	}
}

static cJSON *
read_value(const struct aws_ref *ref, const cJSON *v, const char *path,
    bool strict, char **cause)
{
	const struct aws_shape *s = ref->shape;

	if (s->flags & AWS_SHAPE_DOCUMENT)
		return cJSON_Duplicate(v, true);
	if (!strict && !json_type_fits(s, v))
		return cJSON_Duplicate(v, true);
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		return read_structure(s, v, path, strict, cause);
	case AWS_SHAPE_LIST:
		return read_list(ref, v, path, strict, cause);
	case AWS_SHAPE_MAP:
		return read_map(ref, v, path, strict, cause);
	default:
		return read_scalar(ref, v, path, cause);
	}
}

/* Read a parsed JSON body value into the model's form. */
cJSON *
aws_json_body_read(const struct aws_ref *ref, const cJSON *v,
    const char *path, bool strict, char **cause)
{
	return read_value(ref, v, path, strict, cause);
}
