/*
 * paginate-token.c: the CLI's NextToken / --starting-token, byte for byte
 * as botocore's TokenEncoder and PageIterator._parse_starting_token make
 * and read them, so a token from `aws` resumes in hipaa-shell and back.
 *
 * A token is base64 of json.dumps() of a dict: the paginator's input
 * tokens, and "boto_truncate_amount" when the page was cut by
 * --max-items. Bytes in a token (boto_encoded_keys) are base64 already,
 * which is how blobs are held here, so they are left as they are.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

/* Encode a resume point. */
char *
hs_page_token_encode(const cJSON *next, long long truncate)
{
	cJSON *dict = cJSON_Duplicate(next, true);
	struct hs_buf json = HS_BUF_INIT, b64 = HS_BUF_INIT;

	if (truncate >= 0)
		cJSON_AddNumberToObject(dict, "boto_truncate_amount",
		    (double)truncate);
	hs_output_json(&json, dict, NULL, 0, true);
	aws_base64_encode(&b64, json.buf, json.len);
	cJSON_Delete(dict);
	hs_buf_release(&json);
	return hs_buf_detach(&b64, NULL);
}

/* The new form: base64 of a JSON object. */
static cJSON *
decode_json(const char *token, long long *truncate)
{
	struct hs_buf raw = HS_BUF_INIT;
	cJSON *dict = NULL, *amount;
	char *why = NULL;

	if (aws_base64_decode(&raw, token, strlen(token)) < 0 || raw.len == 0)
		goto out;
	dict = aws_json_parse(raw.buf, raw.len, &why);
	if (dict != NULL && !cJSON_IsObject(dict)) {
		cJSON_Delete(dict);
		dict = NULL;
	}
	if (dict == NULL)
		goto out;
	cJSON_DeleteItemFromObjectCaseSensitive(dict, "boto_encoded_keys");
	amount = cJSON_GetObjectItemCaseSensitive(dict, "boto_truncate_amount");
	if (cJSON_IsNumber(amount))
		*truncate = (long long)amount->valuedouble;
	cJSON_DeleteItemFromObjectCaseSensitive(dict, "boto_truncate_amount");
out:
	free(why);
	hs_buf_release(&raw);
	return dict;
}

/* Split s at every "___" (Python's str.split('___')). */
static char **
split_parts(const char *s, size_t *n)
{
	char **v = NULL;
	const char *end;

	*n = 0;
	for (;;) {
		end = strstr(s, "___");
		v = hs_xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = end ? hs_xstrndup(s, (size_t)(end - s)) :
		    hs_xstrdup(s);
		if (end == NULL)
			return v;
		s = end + 3;
	}
}

static void
free_parts(char **v, size_t n)
{
	while (n > 0)
		free(v[--n]);
	free(v);
}

/* The old form: "TOKEN___TOKEN___INDEX" ("None" for a missing token). */
static int
decode_old(const char *token, const struct aws_paginator *pg, cJSON **next,
    long long *truncate, char **cause)
{
	size_t n, i;
	char **parts = split_parts(token, &n);
	cJSON *index;

	if (n == pg->n_input_tokens + 1) {
		if ((index = hs_py_int(parts[n - 1])) != NULL &&
		    cJSON_IsNumber(index)) {
			*truncate = (long long)index->valuedouble;
			free(parts[--n]);
		} else {
			free_parts(parts, n);
			parts = split_parts("", &n);
			free(parts[0]);
			parts[0] = hs_xstrdup(token);
		}
		cJSON_Delete(index);
	}
	if (n > pg->n_input_tokens) {
		*cause = hs_xasprintf("Bad starting token: %s", token);
		free_parts(parts, n);
		return -1;
	}
	*next = cJSON_CreateObject();
	for (i = 0; i < pg->n_input_tokens; i++)
		if (i >= n || strcmp(parts[i], "None") == 0)
			cJSON_AddNullToObject(*next, pg->input_tokens[i]);
		else
			cJSON_AddStringToObject(*next, pg->input_tokens[i],
			    parts[i]);
	free_parts(parts, n);
	return 0;
}

/* Read a --starting-token. */
int
hs_page_token_decode(const char *token, const struct aws_paginator *pg,
    cJSON **next, long long *truncate, char **cause)
{
	*truncate = 0;
	if ((*next = decode_json(token, truncate)) != NULL)
		return 0;
	*truncate = 0;
	return decode_old(token, pg, next, truncate, cause);
}
