/*
 * model-lookup.c: find operations, shapes, errors and members in a
 * resolved model, and small facts about shapes and protocols.
 */
#include "hs-common.h"
#include "protocol-int.h"

static int
cmp_op_name(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct aws_operation *const *)elem)->name);
}

static int
cmp_op_cli(const void *key, const void *elem)
{
	return strcmp(key,
	    (*(const struct aws_operation *const *)elem)->cli_name);
}

static int
cmp_shape(const void *key, const void *elem)
{
	return strcmp(key, (*(const struct aws_shape *const *)elem)->name);
}

static int
cmp_error(const void *key, const void *elem)
{
	return strcmp(key,
	    (*(const struct aws_shape *const *)elem)->error_code);
}

/* An operation by API name ("PutObject"), or NULL. */
const struct aws_operation *
aws_model_find_operation(const struct aws_service *svc, const char *name)
{
	const struct aws_operation *const *found;

	found = bsearch(name, svc->index->ops_by_name, svc->n_operations,
	    sizeof(void *), cmp_op_name);
	return found ? *found : NULL;
}

/* An operation by CLI name ("put-object"), or NULL. */
const struct aws_operation *
aws_model_find_operation_cli(const struct aws_service *svc,
    const char *cli_name)
{
	const struct aws_operation *const *found;

	found = bsearch(cli_name, svc->index->ops_by_cli, svc->n_operations,
	    sizeof(void *), cmp_op_cli);
	return found ? *found : NULL;
}

/* A shape by name, or NULL. */
const struct aws_shape *
aws_model_find_shape(const struct aws_service *svc, const char *name)
{
	const struct aws_shape *const *found;

	found = bsearch(name, svc->index->shapes_by_name, svc->n_shapes,
	    sizeof(void *), cmp_shape);
	return found ? *found : NULL;
}

/* The error shape for an error code, or NULL. */
const struct aws_shape *
aws_model_find_error(const struct aws_service *svc, const char *code)
{
	const struct aws_shape *const *found;

	if (code == NULL)
		return NULL;
	found = bsearch(code, svc->index->errors_by_code, svc->index->n_errors,
	    sizeof(void *), cmp_error);
	return found ? *found : NULL;
}

/* A structure's member by model name, or NULL. */
const struct aws_member *
aws_model_find_member(const struct aws_shape *shape, const char *name)
{
	size_t i;

	if (shape == NULL || shape->type != AWS_SHAPE_STRUCTURE)
		return NULL;
	for (i = 0; i < shape->n_members; i++)
		if (strcmp(shape->members[i].name, name) == 0)
			return &shape->members[i];
	return NULL;
}

/* An input member by CLI name, or NULL. */
const struct aws_member *
aws_model_find_member_cli(const struct aws_shape *shape, const char *cli_name)
{
	size_t i;

	if (shape == NULL || shape->type != AWS_SHAPE_STRUCTURE)
		return NULL;
	for (i = 0; i < shape->n_members; i++)
		if (shape->members[i].cli_name != NULL &&
		    strcmp(shape->members[i].cli_name, cli_name) == 0)
			return &shape->members[i];
	return NULL;
}

/* The name a reference travels under: locationName, else fallback. */
const char *
aws_ref_name(const struct aws_ref *ref, const char *fallback)
{
	return ref->traits->location_name ? ref->traits->location_name :
	    fallback;
}

static const char *const type_names[] = {
	[AWS_SHAPE_STRUCTURE] = "structure",
	[AWS_SHAPE_LIST] = "list",
	[AWS_SHAPE_MAP] = "map",
	[AWS_SHAPE_STRING] = "string",
	[AWS_SHAPE_CHARACTER] = "character",
	[AWS_SHAPE_BOOLEAN] = "boolean",
	[AWS_SHAPE_BYTE] = "byte",
	[AWS_SHAPE_SHORT] = "short",
	[AWS_SHAPE_INTEGER] = "integer",
	[AWS_SHAPE_LONG] = "long",
	[AWS_SHAPE_FLOAT] = "float",
	[AWS_SHAPE_DOUBLE] = "double",
	[AWS_SHAPE_TIMESTAMP] = "timestamp",
	[AWS_SHAPE_BLOB] = "blob",
};

/* The type name as botocore spells it. */
const char *
aws_shape_type_name(enum aws_shape_type type)
{
	if ((size_t)type >= HS_ARRAY_SIZE(type_names))
		return "unknown";
	return type_names[type];
}

/* Tell whether a type is one of the integer types. */
bool
aws_shape_is_integer(enum aws_shape_type type)
{
	return type == AWS_SHAPE_BYTE || type == AWS_SHAPE_SHORT ||
	    type == AWS_SHAPE_INTEGER || type == AWS_SHAPE_LONG;
}

/* The protocol kind of a protocol name. */
enum aws_protocol_kind
aws_protocol_kind_from_name(const char *name)
{
	if (strcmp(name, "query") == 0)
		return AWS_PROTOCOL_QUERY;
	if (strcmp(name, "ec2") == 0)
		return AWS_PROTOCOL_EC2;
	if (strcmp(name, "json") == 0)
		return AWS_PROTOCOL_JSON;
	if (strcmp(name, "rest-json") == 0)
		return AWS_PROTOCOL_REST_JSON;
	if (strcmp(name, "rest-xml") == 0)
		return AWS_PROTOCOL_REST_XML;
	return AWS_PROTOCOL_UNSUPPORTED;
}

/* The xmlns of responses when the metadata names none: the namespace the
 * service's input documents use (rest-xml), or the query convention. */
const char *
aws_model_default_xmlns(const struct aws_service *svc)
{
	size_t i, j;

	if (svc->protocol == AWS_PROTOCOL_REST_XML) {
		for (i = 0; i < svc->n_operations; i++) {
			const struct aws_ref *in = &svc->operations[i].input;
			const struct aws_shape *s = in->shape;

			if (in->traits->xmlns_uri)
				return in->traits->xmlns_uri;
			for (j = 0; s && j < s->n_members; j++)
				if (s->members[j].ref.traits->xmlns_uri)
					return s->members[j].ref.traits->xmlns_uri;
		}
		return NULL;
	}
	if ((svc->protocol == AWS_PROTOCOL_QUERY ||
	    svc->protocol == AWS_PROTOCOL_EC2) && svc->endpoint_prefix &&
	    svc->api_version) {
		char *ns = hs_xasprintf("https://%s.amazonaws.com/doc/%s/",
		    svc->endpoint_prefix, svc->api_version);
		const char *copy = aws_arena_strdup(svc->arena, ns);

		free(ns);
		return copy;
	}
	return NULL;
}
