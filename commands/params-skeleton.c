/*
 * params-skeleton.c: --generate-cli-skeleton, as botocore's
 * ArgumentGenerator makes the sample (botocore/utils.py): the input
 * skeleton for --cli-input-json, and the output skeleton ("output"),
 * whose strings are their member names.
 *
 * Deliberate difference: an enum's sample is its first value; the CLI
 * picks one at random, which makes its output untestable.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

struct stack {
	const char **names;
	size_t n;
};

static cJSON *generate(const struct aws_shape *s, struct stack *st,
    const char *name, bool member_names);

/* How often a shape name is on the stack. */
static size_t
seen(const struct stack *st, const char *name)
{
	size_t i, k = 0;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->names[i], name) == 0)
			k++;
	return k;
}

static cJSON *
generate_structure(const struct aws_shape *s, struct stack *st,
    bool member_names)
{
	cJSON *obj = cJSON_CreateObject();
	size_t i;

	if (seen(st, s->name) > 1)
		return obj;
	for (i = 0; i < s->n_members; i++)
		cJSON_AddItemToObject(obj, s->members[i].name,
		    generate(s->members[i].ref.shape, st, s->members[i].name,
		    member_names));
	return obj;
}

static cJSON *
generate_scalar(const struct aws_shape *s, const char *name,
    bool member_names)
{
	switch (s->type) {
	case AWS_SHAPE_STRING:
	case AWS_SHAPE_CHARACTER:
		if (member_names)
			return cJSON_CreateString(name);
		return cJSON_CreateString(s->n_enums ? s->enums[0] : "");
	case AWS_SHAPE_BYTE:
	case AWS_SHAPE_SHORT:
	case AWS_SHAPE_INTEGER:
	case AWS_SHAPE_LONG:
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		return cJSON_CreateNumber(0);
	case AWS_SHAPE_BOOLEAN:
		return cJSON_CreateTrue();
	case AWS_SHAPE_TIMESTAMP:
		return cJSON_CreateString("1970-01-01T00:00:00");
	default:
		return cJSON_CreateNull();
	}
}

static cJSON *
generate(const struct aws_shape *s, struct stack *st, const char *name,
    bool member_names)
{
	cJSON *v, *list;

	st->names = hs_xreallocarray(st->names, st->n + 1, sizeof *st->names);
	st->names[st->n++] = s->name;
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		v = generate_structure(s, st, member_names);
		break;
	case AWS_SHAPE_LIST:
		list = cJSON_CreateArray();
		cJSON_AddItemToArray(list, generate(s->member.shape, st,
		    member_names ? s->member.shape->name : "", member_names));
		v = list;
		break;
	case AWS_SHAPE_MAP:
		v = cJSON_CreateObject();
		cJSON_AddItemToObject(v, "KeyName", generate(s->value.shape, st,
		    "", member_names));
		break;
	default:
		v = generate_scalar(s, name, member_names);
	}
	st->n--;
	return v;
}

/* A sample of a shape. */
cJSON *
hs_skeleton(const struct aws_ref *ref, bool member_names)
{
	struct stack st = { NULL, 0 };
	cJSON *v;

	if (ref == NULL || ref->shape == NULL)
		return cJSON_CreateObject();
	v = generate(ref->shape, &st, "", member_names);
	free(st.names);
	return v;
}
