/*
 * protocol-gen.c: sample values for every shape of a model, for tests
 * that push real operations through the protocols (round trips, and the
 * comparison with botocore): every member set, URI labels that need
 * escaping, greedy keys with slashes, longs beyond 2^53, blobs,
 * timestamps, nested lists and maps, unions with one member.
 */
#include "hs-common.h"
#include "protocol-int.h"
#include "protocol-gen.h"

/* A string for a reference: an enum value, or text that needs escaping
 * where it goes. */
static cJSON *
gen_string(const struct aws_ref *ref)
{
	const struct aws_traits *t = ref->traits;

	if (ref->shape->n_enums > 0)
		return cJSON_CreateString(ref->shape->enums[0]);
	if (t->flags & AWS_TRAIT_HOST_LABEL)
		return cJSON_CreateString("label-1");
	if ((t->flags & AWS_TRAIT_JSONVALUE) && t->location ==
	    AWS_LOCATION_HEADER)
		return cJSON_Parse("{\"k\":[\"v\",2,true]}");
	if (t->location == AWS_LOCATION_URI)
		return cJSON_CreateString("dir/sub key+\xc3\xbc.txt");
	if (t->location == AWS_LOCATION_HEADER)
		return cJSON_CreateString("header value");
	return cJSON_CreateString("text <&> \"quoted\" \xc3\xa9");
}

/* A structure with its members set (one for a union). */
static cJSON *
gen_structure(const struct aws_shape *s, int depth)
{
	cJSON *obj = cJSON_CreateObject();
	size_t i;

	for (i = 0; i < s->n_members; i++) {
		const struct aws_member *m = &s->members[i];

		/* deep down, required members only, but never {} (an empty
		 * structure does not survive query serialization) */
		if (depth > 3 && !m->required && !(obj->child == NULL &&
		    m->ref.shape->type != AWS_SHAPE_STRUCTURE &&
		    m->ref.shape->type != AWS_SHAPE_LIST &&
		    m->ref.shape->type != AWS_SHAPE_MAP))
			continue;
		/* deprecated members may share a wire name with their
		 * replacement (S3's TopicConfiguration Event and Events) */
		if (m->ref.traits->flags & (AWS_TRAIT_EVENTSTREAM |
		    AWS_TRAIT_EVENT_HEADER | AWS_TRAIT_DEPRECATED))
			continue;
		cJSON_AddItemToObject(obj, m->name, test_gen_value(&m->ref,
		    depth + 1));
		if (s->flags & AWS_SHAPE_UNION)
			break;
	}
	return obj;
}

/* A value for any reference. */
cJSON *
test_gen_value(const struct aws_ref *ref, int depth)
{
	const struct aws_shape *s = ref->shape;
	cJSON *v;

	if (s->flags & AWS_SHAPE_DOCUMENT)
		return cJSON_Parse("{\"doc\":[1,\"two\",true,null]}");
	switch (s->type) {
	case AWS_SHAPE_STRUCTURE:
		return gen_structure(s, depth);
	case AWS_SHAPE_LIST:
		v = cJSON_CreateArray();
		cJSON_AddItemToArray(v, test_gen_value(&s->member, depth + 1));
		if (depth < 4)
			cJSON_AddItemToArray(v, test_gen_value(&s->member, depth + 1));
		return v;
	case AWS_SHAPE_MAP:
		v = cJSON_CreateObject();
		cJSON_AddItemToObject(v, "mapkey1", test_gen_value(&s->value,
		    depth + 1));
		return v;
	case AWS_SHAPE_STRING:
		return gen_string(ref);
	case AWS_SHAPE_CHARACTER:
		return cJSON_CreateString("c");
	case AWS_SHAPE_BOOLEAN:
		return cJSON_CreateTrue();
	case AWS_SHAPE_LONG:
		if (ref->traits->location != AWS_LOCATION_STATUS_CODE)
			return cJSON_CreateRaw("9007199254740993");
		/* FALLTHROUGH */
	case AWS_SHAPE_BYTE:
	case AWS_SHAPE_SHORT:
	case AWS_SHAPE_INTEGER:
		return cJSON_CreateNumber(ref->traits->location ==
		    AWS_LOCATION_STATUS_CODE ? 200 : 7);
	case AWS_SHAPE_FLOAT:
	case AWS_SHAPE_DOUBLE:
		return cJSON_CreateNumber(1.5);
	case AWS_SHAPE_TIMESTAMP:
		return cJSON_CreateString("2024-02-29T12:34:56+00:00");
	case AWS_SHAPE_BLOB:
		return cJSON_CreateString("aGVsbG8gd29ybGQ=");
	}
	return cJSON_CreateNull();
}

/* Drop empty structures (and lists and maps left empty by that): they
 * do not survive query serialization, so they cannot come back. */
bool
test_prune(cJSON *v)
{
	cJSON *item, *next;

	if (!cJSON_IsObject(v) && !cJSON_IsArray(v))
		return false;
	for (item = v->child; item != NULL; item = next) {
		next = item->next;
		if (test_prune(item))
			cJSON_Delete(cJSON_DetachItemViaPointer(v, item));
	}
	return v->child == NULL;
}

