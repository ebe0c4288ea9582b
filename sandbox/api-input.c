/*
 * api-input.c: reading the decoded input of a model-driven operation,
 * the validation errors of the json protocols, and tags in the two forms
 * AWS services take them (a map, or a list of key/value structures).
 */
#include "hs-common.h"
#include "api.h"

#include <ctype.h>
#include <openssl/evp.h>

/* A member of c->input (any type), or NULL. */
cJSON *
sbx_in(const struct sbx_call *c, const char *name)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(c->input, name);

	return cJSON_IsNull(v) ? NULL : v;
}

/* A string member of c->input, or NULL. */
const char *
sbx_in_str(const struct sbx_call *c, const char *name)
{
	return cJSON_GetStringValue(sbx_in(c, name));
}

/* A number member as long, or def when absent. */
long
sbx_in_long(const struct sbx_call *c, const char *name, long def)
{
	cJSON *v = sbx_in(c, name);

	if (cJSON_IsNumber(v))
		return (long)v->valuedouble;
	if (cJSON_IsRaw(v))
		return strtol(v->valuestring, NULL, 10);
	return def;
}

/* A boolean member, or def when absent. */
bool
sbx_in_bool(const struct sbx_call *c, const char *name, bool def)
{
	cJSON *v = sbx_in(c, name);

	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

/* Answer an internal (store) failure without showing its cause; -1. */
int
sbx_api_internal(struct sbx_call *c, char *cause)
{
	free(cause);
	return sbx_fail(c, 500, c->svc->protocol == SBX_PROTO_QUERY ?
	    "ServiceFailure" : "ServiceException", "An internal error "
	    "occurred in the sandbox's store.");
}

/* Answer a ValidationException for one member; -1. */
int
sbx_api_invalid(struct sbx_call *c, const char *code, const char *value,
    const char *member, const char *constraint)
{
	return sbx_fail(c, 400, code, "1 validation error detected: Value "
	    "'%s' at '%s' failed to satisfy constraint: Member must %s",
	    value ? value : "null", member, constraint);
}

/* Tell whether s is 1..max characters of [A-Za-z0-9] and extra. */
bool
sbx_api_name_ok(const char *s, size_t max, const char *extra)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > max)
		return false;
	for (i = 0; s[i] != '\0'; i++)
		if (!isalnum((unsigned char)s[i]) &&
		    strchr(extra, s[i]) == NULL)
			return false;
	return true;
}

/* A UUID4 string. */
void
sbx_api_uuid(char out[37])
{
	char h[33];

	sbx_random_hex(h, 16);
	h[12] = '4';
	h[16] = "89ab"[h[16] % 4];
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", h, h + 8, h + 12,
	    h + 16, h + 20);
}

/* The Tags of the input as a JSON object {key: value}, or NULL. */
cJSON *
sbx_api_tags_in(const cJSON *tags, const char *key_name,
    const char *value_name)
{
	cJSON *map, *t;

	if (tags == NULL || cJSON_IsNull(tags))
		return NULL;
	if (cJSON_IsObject(tags))
		return cJSON_Duplicate(tags, true);
	map = cJSON_CreateObject();
	cJSON_ArrayForEach(t, tags) {
		const char *k = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, key_name));
		const char *v = cJSON_GetStringValue(
		    cJSON_GetObjectItemCaseSensitive(t, value_name));
		if (k == NULL)
			continue;
		cJSON_DeleteItemFromObjectCaseSensitive(map, k);
		cJSON_AddStringToObject(map, k, v ? v : "");
	}
	return map;
}

/* A tags object {key: value} as a list of {KEY: k, VALUE: v}. */
cJSON *
sbx_api_tags_list(const cJSON *map, const char *key_name,
    const char *value_name)
{
	cJSON *list = cJSON_CreateArray(), *t;

	cJSON_ArrayForEach(t, map) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, key_name, t->string);
		cJSON_AddStringToObject(o, value_name,
		    cJSON_GetStringValue(t) ? t->valuestring : "");
		cJSON_AddItemToArray(list, o);
	}
	return list;
}

/* Decode standard base64 (padded); NULL when it is not base64. */
unsigned char *
sbx_base64_decode(const char *s, size_t *len)
{
	size_t n = strlen(s), pad = 0;
	unsigned char *out;
	int r;

	if (n % 4 != 0 || n > (size_t)INT32_MAX)
		return NULL;
	if (n > 0 && s[n - 1] == '=')
		pad++;
	if (n > 1 && s[n - 2] == '=')
		pad++;
	out = hs_xmalloc(n / 4 * 3 + 1);
	r = EVP_DecodeBlock(out, (const unsigned char *)s, (int)n);
	if (r < 0 || (size_t)r < pad) {
		free(out);
		return NULL;
	}
	*len = (size_t)r - pad;
	return out;
}

/* Encode bytes as standard base64 (caller frees). */
char *
sbx_base64_encode(const void *data, size_t len)
{
	char *out = hs_xmalloc(4 * ((len + 2) / 3) + 1);

	EVP_EncodeBlock((unsigned char *)out, data, (int)len);
	return out;
}

/* Bring a spilled request body back into memory; -1 after answering. */
int
sbx_api_body_in_memory(struct sbx_call *c, uint64_t max)
{
	struct hs_buf b = HS_BUF_INIT;
	char chunk[65536];
	uint64_t pos = 0;
	ssize_t n;

	if (c->req.body_kind != AWS_BODY_FILE)
		return 0;
	if (c->body_len > max)
		return sbx_fail(c, 413, "RequestEntityTooLargeException", "Request "
		    "must be smaller than %llu bytes for the %s operation",
		    (unsigned long long)max, c->op_name ? c->op_name : "");
	while ((n = sbx_body_read_at(c, pos, chunk, sizeof chunk)) > 0) {
		(void)hs_buf_add(&b, chunk, (size_t)n);
		pos += (uint64_t)n;
	}
	if (n < 0 || hs_buf_failed(&b)) {
		hs_buf_release(&b);
		return sbx_fail(c, 500, "ServiceException", "The sandbox cannot "
		    "read the request body back.");
	}
	sbx_body_release(c);
	aws_request_set_body(&c->req, b.buf, b.len);
	c->body_len = b.len;
	hs_buf_release(&b);
	return 0;
}
