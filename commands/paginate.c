/*
 * paginate.c: automatic pagination as the AWS CLI does it - botocore's
 * PageIterator (the pages, --starting-token, --page-size, --max-items)
 * and build_full_result (what is printed):
 *
 *   - each page's result keys are merged into the result (lists joined,
 *     numbers added, text concatenated), in the paginator's order; keys
 *     that are not result keys (the tokens, IsTruncated) are not shown;
 *   - the first page's non-aggregate keys are added after them;
 *   - --max-items cuts the primary result key; the result then ends
 *     with "NextToken", the CLI's own token to resume from (on a page
 *     boundary the service's tokens; inside a page, the tokens that
 *     fetched it and how many items of it were shown);
 *   - paging stops when every output token is empty, or when
 *     more_results is false; the same next token twice is an error.
 */
#include "hs-common.h"
#include "operation.h"

#include <cjson/cJSON.h>

struct pager {
	const struct aws_paginator *pg;
	const struct hs_paging *paging;
	cJSON *kwargs;		/* the input of the next request */
	cJSON *next;		/* the tokens that fetched the current page */
	cJSON *resume;		/* the tokens to resume from, or NULL */
	long long resume_cut;	/* boto_truncate_amount, or -1 */
	long long start_cut;	/* items of the first page already shown */
	cJSON *result;
	cJSON *non_aggregate;
	char **cause;
};

/* Search an expression; *out borrowed or NULL. */
static int
search(struct pager *p, const char *expr, const cJSON *v, const cJSON **out)
{
	return hs_pexpr_search(expr, v, out, p->cause);
}

/* _inject_token_into_kwargs: set each token, drop the null ones. */
static void
inject(cJSON *kwargs, const cJSON *tokens)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, tokens) {
		cJSON_DeleteItemFromObjectCaseSensitive(kwargs, t->string);
		if (!cJSON_IsNull(t) && !(cJSON_IsString(t) &&
		    strcmp(t->valuestring, "None") == 0))
			cJSON_AddItemToObject(kwargs, t->string,
			    cJSON_Duplicate(t, true));
	}
}

/* The input of the first request: starting token and page size. */
static int
start(struct pager *p, const cJSON *input)
{
	size_t i;

	p->kwargs = cJSON_Duplicate(input, true);
	p->next = cJSON_CreateObject();
	for (i = 0; i < p->pg->n_input_tokens; i++)
		cJSON_AddNullToObject(p->next, p->pg->input_tokens[i]);
	if (p->paging->starting_token != NULL) {
		cJSON_Delete(p->next);
		p->next = NULL;
		if (hs_page_token_decode(p->paging->starting_token, p->pg,
		    &p->next, &p->start_cut, p->cause) < 0)
			return -1;
		inject(p->kwargs, p->next);
	}
	if (p->paging->page_size != NULL && p->pg->limit_key != NULL) {
		cJSON_DeleteItemFromObjectCaseSensitive(p->kwargs,
		    p->pg->limit_key);
		cJSON_AddItemToObject(p->kwargs, p->pg->limit_key,
		    cJSON_Duplicate(p->paging->page_size, true));
	}
	return 0;
}

/* An empty value of the same kind (_handle_first_request). */
static cJSON *
empty_like(const cJSON *v)
{
	if (cJSON_IsArray(v))
		return cJSON_CreateArray();
	if (cJSON_IsString(v))
		return cJSON_CreateString("");
	if (cJSON_IsNumber(v) || cJSON_IsRaw(v))
		return cJSON_CreateNumber(0);
	return NULL;
}

/* A list without its first n items, or without its items past n. */
static cJSON *
slice(const cJSON *list, long long from, long long to)
{
	cJSON *out = cJSON_CreateArray();
	const cJSON *item;
	long long i = 0;

	cJSON_ArrayForEach(item, list) {
		if (i >= from && (to < 0 || i < to))
			cJSON_AddItemToArray(out, cJSON_Duplicate(item, true));
		i++;
	}
	return out;
}

/* The first page after --starting-token: skip the items already shown,
 * and empty the other result keys (they were shown whole). */
static int
first_page_cut(struct pager *p, cJSON *page)
{
	const cJSON *v;
	size_t i;

	if (search(p, p->pg->result_keys[0], page, &v) < 0 ||
	    hs_pexpr_set(page, p->pg->result_keys[0], cJSON_IsArray(v) ?
	    slice(v, p->start_cut, -1) : NULL, p->cause) < 0)
		return -1;
	for (i = 1; i < p->pg->n_result_keys; i++)
		if (search(p, p->pg->result_keys[i], page, &v) < 0 ||
		    hs_pexpr_set(page, p->pg->result_keys[i], empty_like(v),
		    p->cause) < 0)
			return -1;
	return 0;
}

/* Keep the first page's non-aggregate keys. */
static int
record_non_aggregate(struct pager *p, const cJSON *page)
{
	const cJSON *v;
	size_t i;

	p->non_aggregate = cJSON_CreateObject();
	for (i = 0; i < p->pg->n_non_aggregate_keys; i++) {
		const char *k = p->pg->non_aggregate_keys[i];

		if (search(p, k, page, &v) < 0 || hs_pexpr_set(p->non_aggregate,
		    k, v ? cJSON_Duplicate(v, true) : NULL, p->cause) < 0)
			return -1;
	}
	return 0;
}

/* Add two values as Python's + does (numbers, text); NULL otherwise. */
static cJSON *
add_values(const cJSON *a, const cJSON *b)
{
	char *s;
	cJSON *v;

	if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
		return cJSON_CreateNumber(a->valuedouble + b->valuedouble);
	if (!cJSON_IsString(a) || !cJSON_IsString(b))
		return NULL;
	s = hs_xasprintf("%s%s", a->valuestring, b->valuestring);
	v = cJSON_CreateString(s);
	free(s);
	return v;
}

/* build_full_result for one page. */
static int
merge_page(struct pager *p, const cJSON *page)
{
	const cJSON *v, *old, *item;
	size_t i;

	for (i = 0; i < p->pg->n_result_keys; i++) {
		const char *k = p->pg->result_keys[i];
		cJSON *sum;

		if (search(p, k, page, &v) < 0 ||
		    search(p, k, p->result, &old) < 0)
			return -1;
		if (v == NULL)
			continue;
		if (old == NULL) {
			if (hs_pexpr_set(p->result, k, cJSON_Duplicate(v, true),
			    p->cause) < 0)
				return -1;
		} else if (cJSON_IsArray(v) && cJSON_IsArray(old)) {
			cJSON_ArrayForEach(item, v)
				cJSON_AddItemToArray((cJSON *)old,
				    cJSON_Duplicate(item, true));
		} else if ((sum = add_values(old, v)) != NULL &&
		    hs_pexpr_set(p->result, k, sum, p->cause) < 0)
			return -1;
	}
	return 0;
}

/* Python's falsiness: None, False, 0, "", [] and {}. */
static bool
py_falsy(const cJSON *v)
{
	return v == NULL || cJSON_IsNull(v) || cJSON_IsFalse(v) ||
	    (cJSON_IsNumber(v) && v->valuedouble == 0) ||
	    (cJSON_IsString(v) && *v->valuestring == '\0') ||
	    ((cJSON_IsArray(v) || cJSON_IsObject(v)) && v->child == NULL);
}

/* _get_next_token: the output tokens as the next input tokens. */
static int
next_tokens(struct pager *p, const cJSON *page, cJSON **out)
{
	const cJSON *v;
	size_t i;

	*out = cJSON_CreateObject();
	if (p->pg->more_results != NULL) {
		if (search(p, p->pg->more_results, page, &v) < 0)
			return -1;
		if (py_falsy(v))
			return 0;
	}
	for (i = 0; i < p->pg->n_input_tokens && i < p->pg->n_output_tokens;
	    i++) {
		if (search(p, p->pg->output_tokens[i], page, &v) < 0)
			return -1;
		if (py_falsy(v))
			cJSON_AddNullToObject(*out, p->pg->input_tokens[i]);
		else
			cJSON_AddItemToObject(*out, p->pg->input_tokens[i],
			    cJSON_Duplicate(v, true));
	}
	return 0;
}

static bool
all_null(const cJSON *tokens)
{
	const cJSON *t;

	cJSON_ArrayForEach(t, tokens)
		if (!cJSON_IsNull(t))
			return false;
	return true;
}

/* Cut the page at --max-items; the resume point is inside it. */
static int
cut_page(struct pager *p, cJSON *page, long long cut)
{
	const cJSON *v;
	long long keep;

	if (search(p, p->pg->result_keys[0], page, &v) < 0)
		return -1;
	keep = (long long)cJSON_GetArraySize(v) - cut;
	if (hs_pexpr_set(page, p->pg->result_keys[0],
	    slice(v, 0, keep > 0 ? keep : 0), p->cause) < 0)
		return -1;
	p->resume = cJSON_Duplicate(p->next, true);
	p->resume_cut = keep + p->start_cut;
	return 0;
}

/* Handle one page; 1 when paging is over. */
static int
page_done(struct pager *p, cJSON *page, bool first, long long *total)
{
	const cJSON *v;
	long long n, max = p->paging->max_items;
	cJSON *next;

	if (first && p->paging->starting_token != NULL &&
	    first_page_cut(p, page) < 0)
		return -1;
	if (!first)
		p->start_cut = 0;
	if (first && record_non_aggregate(p, page) < 0)
		return -1;
	if (search(p, p->pg->result_keys[0], page, &v) < 0)
		return -1;
	n = cJSON_IsArray(v) ? cJSON_GetArraySize(v) : 0;
	if (max >= 0 && *total + n - max > 0)
		return cut_page(p, page, *total + n - max) < 0 ||
		    merge_page(p, page) < 0 ? -1 : 1;
	if (merge_page(p, page) < 0 || next_tokens(p, page, &next) < 0)
		return -1;
	*total += n;
	if (all_null(next)) {
		cJSON_Delete(next);
		return 1;
	}
	if (max >= 0 && *total == max) {
		p->resume = next;
		return 1;
	}
	if (!first && cJSON_Compare(next, p->next, true)) {
		char *text = cJSON_PrintUnformatted(next);

		*p->cause = hs_xasprintf("The same next token was received "
		    "twice: %s", text);
		free(text);
		cJSON_Delete(next);
		return -1;
	}
	inject(p->kwargs, next);
	cJSON_Delete(p->next);
	p->next = next;
	return 0;
}

/* Add the non-aggregate keys and NextToken to the result. */
static void
finish(struct pager *p)
{
	cJSON *item;
	char *token;

	while (p->non_aggregate && (item = p->non_aggregate->child) != NULL) {
		cJSON_DetachItemViaPointer(p->non_aggregate, item);
		cJSON_DeleteItemFromObjectCaseSensitive(p->result, item->string);
		cJSON_AddItemToObject(p->result, item->string, item);
	}
	if (p->resume != NULL) {
		token = hs_page_token_encode(p->resume, p->resume_cut);
		cJSON_DeleteItemFromObjectCaseSensitive(p->result, "NextToken");
		cJSON_AddStringToObject(p->result, "NextToken", token);
		free(token);
	}
}

/* Page through an operation. */
int
hs_paginate(const struct aws_operation *op, const cJSON *input,
    const struct hs_paging *paging, hs_page_fetch_fn *fetch, void *arg,
    cJSON **result, char **cause)
{
	struct pager p = { op->paginator, paging, NULL, NULL, NULL, -1, 0,
	    cJSON_CreateObject(), NULL, cause };
	long long total = 0;
	int rc = -1, done = 0;
	bool first = true;
	cJSON *page;

	if (p.pg == NULL || p.pg->n_result_keys == 0)
		BUG("paginating %s, which has no result keys", op->name);
	if (start(&p, input) < 0)
		goto cleanup;
	while (done == 0) {
		page = NULL;
		if ((rc = fetch(arg, p.kwargs, &page)) != 0)
			goto cleanup;
		done = page_done(&p, page, first, &total);
		first = false;
		cJSON_Delete(page);
		if (done < 0) {
			rc = -1;
			goto cleanup;
		}
	}
	finish(&p);
	*result = p.result;
	p.result = NULL;
	rc = 0;
cleanup:
	cJSON_Delete(p.kwargs);
	cJSON_Delete(p.next);
	cJSON_Delete(p.resume);
	cJSON_Delete(p.result);
	cJSON_Delete(p.non_aggregate);
	return rc;
}
