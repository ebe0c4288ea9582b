/*
 * params-input.c: an operation's input from the parsed words, as the AWS
 * CLI builds its call parameters (clidriver.py _build_call_parameters and
 * the customizations that hook it):
 *
 *   - each argument in table order: a member's value under its name, a
 *     flag as true or false (the last of --x / --no-x wins), --zip-file
 *     as ZipFile inside Code, --code merged with it;
 *   - --cli-input-json (text or file://): a JSON object whose keys the
 *     words did not set are added (the words win);
 *   - paging (paginate.py): on unless --no-paginate, or the words or
 *     --cli-input-json set one of the paginator's own tokens or its limit
 *     (manual paging). With paging off, --starting-token, --page-size and
 *     --max-items are refused, except one that stands for a member of
 *     the same name (IAM's --max-items), which then sets that member;
 *   - OUTFILE and --generate-cli-skeleton are noted for the caller.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>
#include <errno.h>

/* Put a member's value into input (replacing, or merging objects). */
static void
put(cJSON *input, const char *name, cJSON *v, bool merge)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(input, name), *item;

	if (merge && cJSON_IsObject(old) && cJSON_IsObject(v)) {
		while ((item = v->child) != NULL) {
			cJSON_DetachItemViaPointer(v, item);
			cJSON_DeleteItemFromObjectCaseSensitive(old, item->string);
			cJSON_AddItemToObject(old, item->string, item);
		}
		cJSON_Delete(v);
	} else if (old != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(input, name, v);
	else
		cJSON_AddItemToObject(input, name, v);
}

/* The index of the --no-x partner of a flag argument, or -1. */
static ssize_t
partner(const struct hs_param_table *t, const struct hs_param *p)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (&t->v[i] != p && t->v[i].member == p->member &&
		    (t->v[i].kind == HS_PARAM_NO_FLAG ||
		    t->v[i].kind == HS_PARAM_MEMBER) && t->v[i].kind != p->kind)
			return (ssize_t)i;
	return -1;
}

/* A --x / --no-x pair: the later one wins. */
static void
put_flag(const struct hs_param_table *t, const struct hs_parsed *p,
    size_t i, cJSON *input)
{
	const struct hs_param *param = &t->v[i];
	ssize_t other = partner(t, param);
	bool value = param->kind == HS_PARAM_MEMBER;

	if (other >= 0 && p->v[other].given &&
	    p->v[other].order > p->v[i].order)
		return;		/* the partner is applied on its own turn */
	put(input, param->member->name, cJSON_CreateBool(value), false);
}

/* Add one given member argument to input. */
static int
add_member(const struct hs_param_table *t, const struct hs_parsed *p,
    size_t i, const struct hs_input_opts *o, cJSON *input, char **cause)
{
	const struct hs_param *param = &t->v[i];
	cJSON *v;

	if (param->arity == HS_ARITY_FLAG) {
		put_flag(t, p, i, input);
		return 0;
	}
	if (hs_param_unpack(t, param, &p->v[i], o, &v, cause) < 0)
		return -1;
	if (param->kind == HS_PARAM_ZIP_FILE) {
		cJSON *zip = cJSON_CreateObject();

		cJSON_AddItemToObject(zip, "ZipFile", v);
		put(input, param->member->name, zip, true);
	} else
		put(input, param->member->name, v,
		    param->kind == HS_PARAM_ZIP_PARENT);
	return 0;
}

/* Read --cli-input-json and add the keys the words did not set. */
static int
add_cli_input(const struct hs_param_table *t, const char *value,
    const struct hs_input_opts *o, cJSON *input, char **cause)
{
	struct hs_buf text = HS_BUF_INIT;
	cJSON *json, *item;
	char *why = NULL;
	int rc = -1, kind;

	if ((kind = hs_paramfile_load(value, &text, &why)) < 0) {
		*cause = hs_xasprintf("Error parsing parameter "
		    "'--cli-input-json': %s", why);
		goto cleanup;
	}
	if (kind == HS_PARAMFILE_NONE)
		hs_buf_adds(&text, value);
	free(why);
	why = NULL;
	if ((json = aws_json_parse(text.buf, text.len, &why)) == NULL) {
		*cause = hs_xstrdup("Error parsing parameter 'cli-input-json': "
		    "Invalid JSON received.");
		goto cleanup;
	}
	if (!cJSON_IsObject(json)) {
		*cause = hs_xasprintf("Error parsing parameter '--cli-input-json'"
		    ": Invalid type: expecting map, received <class '%s'>",
		    cJSON_IsArray(json) ? "list" : cJSON_IsString(json) ? "str"
		    : cJSON_IsNumber(json) || cJSON_IsRaw(json) ? "int" :
		    cJSON_IsBool(json) ? "bool" : "NoneType");
		cJSON_Delete(json);
		goto cleanup;
	}
	if (o->raw_blobs && t->op->input.shape != NULL)
		hs_params_encode_raw_blobs(json, &t->op->input);
	while ((item = json->child) != NULL) {
		cJSON_DetachItemViaPointer(json, item);
		if (cJSON_GetObjectItemCaseSensitive(input, item->string))
			cJSON_Delete(item);
		else
			cJSON_AddItemToObject(input, item->string, item);
	}
	cJSON_Delete(json);
	rc = 0;
cleanup:
	free(why);
	hs_buf_release(&text);
	return rc;
}

/* Tell whether input sets one of the paginator's own tokens or its limit. */
static bool
manual_paging(const struct aws_operation *op, const cJSON *input)
{
	const struct aws_paginator *pg = op->paginator;
	size_t i;

	for (i = 0; i < pg->n_input_tokens; i++)
		if (cJSON_GetObjectItemCaseSensitive(input, pg->input_tokens[i]))
			return true;
	return pg->limit_key != NULL &&
	    cJSON_GetObjectItemCaseSensitive(input, pg->limit_key) != NULL;
}

/* --max-items / --page-size as a number of the paging type. */
static int
paging_number(const struct hs_param *param, const char *text, cJSON **out,
    char **cause)
{
	if (strcmp(param->type_name, "string") == 0) {
		*out = cJSON_CreateString(text);
		return 0;
	}
	if ((*out = hs_py_int(text)) != NULL && !cJSON_IsRaw(*out))
		return 0;
	cJSON_Delete(*out);
	*out = NULL;
	*cause = hs_xasprintf("argument --%s: invalid int value: '%s'",
	    param->name, text);
	return -1;
}

/* With paging off: refuse the paging arguments, or set the members they
 * stand for. */
static int
paging_off(const struct hs_param_table *t, const struct hs_parsed *p,
    cJSON *input, char **cause)
{
	struct hs_buf used = HS_BUF_INIT;
	size_t i;
	cJSON *v;

	for (i = 0; i < t->n; i++) {
		const struct hs_param *param = &t->v[i];

		if (param->kind < HS_PARAM_STARTING_TOKEN || !p->v[i].given)
			continue;
		if (param->member == NULL) {
			hs_buf_addf(&used, "%s--%s", used.len ? ", " : "",
			    param->name);
			continue;
		}
		if (paging_number(param, p->v[i].words[0], &v, cause) < 0) {
			hs_buf_release(&used);
			return -1;
		}
		put(input, param->member->name, v, false);
	}
	if (used.len > 0)
		*cause = hs_xasprintf("Cannot specify --no-paginate along with "
		    "pagination arguments: %s", used.buf);
	hs_buf_release(&used);
	return *cause ? -1 : 0;
}

/* With paging on: read --starting-token, --page-size, --max-items. */
static int
paging_on(const struct hs_param_table *t, const struct hs_parsed *p,
    struct hs_paging *pg, char **cause)
{
	size_t i;
	cJSON *v;

	for (i = 0; i < t->n; i++) {
		const struct hs_param *param = &t->v[i];
		const char *text = p->v[i].given && p->v[i].n ?
		    p->v[i].words[0] : NULL;

		if (text == NULL || param->kind < HS_PARAM_STARTING_TOKEN)
			continue;
		if (param->kind == HS_PARAM_STARTING_TOKEN) {
			pg->starting_token = hs_xstrdup(text);
			continue;
		}
		if (paging_number(param, text, &v, cause) < 0)
			return -1;
		if (param->kind == HS_PARAM_PAGE_SIZE)
			pg->page_size = v;
		else {
			pg->max_items = (long long)v->valuedouble;
			cJSON_Delete(v);
		}
	}
	return 0;
}

/* Decide on paging and read its arguments. */
static int
add_paging(const struct hs_param_table *t, const struct hs_parsed *p,
    const struct hs_input_opts *o, struct hs_op_input *out, char **cause)
{
	out->paging.max_items = -1;
	if (t->op->paginator == NULL)
		return 0;
	out->paging.enabled = o->paginate && !manual_paging(t->op, out->input);
	if (!out->paging.enabled)
		return paging_off(t, p, out->input, cause);
	return paging_on(t, p, &out->paging, cause);
}

/* Note OUTFILE and --generate-cli-skeleton. */
static void
note_extras(const struct hs_param_table *t, const struct hs_parsed *p,
    struct hs_op_input *out)
{
	const struct hs_param_value *v;

	if ((v = hs_parsed_kind(t, p, HS_PARAM_OUTFILE)) != NULL)
		out->outfile = hs_xstrdup(v->words[0]);
	if ((v = hs_parsed_kind(t, p, HS_PARAM_SKELETON)) != NULL)
		out->skeleton = strcmp(v->words[0], "output") == 0 ?
		    HS_SKELETON_OUTPUT : HS_SKELETON_INPUT;
}

/* Build an operation's input from parsed words. */
int
hs_params_input(const struct hs_param_table *t, const struct hs_parsed *p,
    const struct hs_input_opts *o, struct hs_op_input *out, char **cause)
{
	const struct hs_param_value *cij;
	size_t i;

	memset(out, 0, sizeof *out);
	out->input = cJSON_CreateObject();
	out->paging.max_items = -1;
	for (i = 0; i < t->n; i++) {
		enum hs_param_kind k = t->v[i].kind;

		if (!p->v[i].given || (k != HS_PARAM_MEMBER &&
		    k != HS_PARAM_NO_FLAG && k != HS_PARAM_ZIP_FILE &&
		    k != HS_PARAM_ZIP_PARENT))
			continue;
		if (add_member(t, p, i, o, out->input, cause) < 0)
			return -1;
	}
	cij = hs_parsed_kind(t, p, HS_PARAM_CLI_INPUT_JSON);
	if (cij != NULL && add_cli_input(t, cij->words[0], o, out->input,
	    cause) < 0)
		return -1;
	note_extras(t, p, out);
	return add_paging(t, p, o, out, cause);
}

void
hs_op_input_clear(struct hs_op_input *in)
{
	cJSON_Delete(in->input);
	free(in->paging.starting_token);
	cJSON_Delete(in->paging.page_size);
	free(in->outfile);
	memset(in, 0, sizeof *in);
	in->paging.max_items = -1;
}
