/*
 * test-op-util.c: the demo model and helpers the model-operation unit
 * tests share.
 */
#include "test-op-util.h"

#include <limits.h>

static const char demo_model[] =
"{\"metadata\": {\"protocol\": \"json\", \"jsonVersion\": \"1.1\","
" \"targetPrefix\": \"Demo\", \"apiVersion\": \"2020-01-01\","
" \"endpointPrefix\": \"demo\", \"serviceId\": \"Demo\","
" \"signatureVersion\": \"v4\"},"
" \"documentation\": \"<p>The <b>demo</b> service.</p>\","
" \"operations\": {"
"  \"DoThing\": {\"name\": \"DoThing\","
"   \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"},"
"   \"input\": {\"shape\": \"DoThingRequest\"},"
"   \"output\": {\"shape\": \"DoThingResult\"},"
"   \"documentation\": \"<p>Does a thing.</p>\"},"
"  \"ListThings\": {\"name\": \"ListThings\","
"   \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"},"
"   \"input\": {\"shape\": \"ListThingsRequest\"},"
"   \"output\": {\"shape\": \"ListThingsResult\"}},"
"  \"ListMore\": {\"name\": \"ListMore\","
"   \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"},"
"   \"input\": {\"shape\": \"ListMoreRequest\"},"
"   \"output\": {\"shape\": \"ListMoreResult\"}},"
"  \"Ping\": {\"name\": \"Ping\","
"   \"http\": {\"method\": \"POST\", \"requestUri\": \"/\"}}"
" },"
" \"shapes\": {"
"  \"DoThingRequest\": {\"type\": \"structure\", \"required\": [\"Name\"],"
"   \"members\": {"
"    \"Name\": {\"shape\": \"Name\", \"documentation\": \"<p>The name.</p>\"},"
"    \"Count\": {\"shape\": \"Int\"},"
"    \"Big\": {\"shape\": \"Long\"},"
"    \"Ratio\": {\"shape\": \"Double\"},"
"    \"Flag\": {\"shape\": \"Bool\"},"
"    \"When\": {\"shape\": \"Time\"},"
"    \"Data\": {\"shape\": \"Blob\"},"
"    \"Tags\": {\"shape\": \"StringList\"},"
"    \"Items\": {\"shape\": \"ItemList\"},"
"    \"Attrs\": {\"shape\": \"AttrMap\"},"
"    \"Doc\": {\"shape\": \"Doc\"},"
"    \"Mode\": {\"shape\": \"Mode\"},"
"    \"Setting\": {\"shape\": \"Setting\"},"
"    \"Nested\": {\"shape\": \"Nested\"},"
"    \"Token\": {\"shape\": \"Name\", \"idempotencyToken\": true}"
"   }},"
"  \"DoThingResult\": {\"type\": \"structure\", \"members\": {"
"    \"Name\": {\"shape\": \"Name\"},"
"    \"Created\": {\"shape\": \"Time\"},"
"    \"Data\": {\"shape\": \"Blob\"},"
"    \"Score\": {\"shape\": \"Double\"},"
"    \"Items\": {\"shape\": \"ItemList\"},"
"    \"Mode\": {\"shape\": \"Mode\"}"
"   }},"
"  \"ListThingsRequest\": {\"type\": \"structure\", \"members\": {"
"    \"NextToken\": {\"shape\": \"Name\"},"
"    \"MaxResults\": {\"shape\": \"Int\"},"
"    \"Filter\": {\"shape\": \"Name\"}"
"   }},"
"  \"ListThingsResult\": {\"type\": \"structure\", \"members\": {"
"    \"Things\": {\"shape\": \"ItemList\"},"
"    \"Owner\": {\"shape\": \"Name\"},"
"    \"NextToken\": {\"shape\": \"Name\"}"
"   }},"
"  \"ListMoreRequest\": {\"type\": \"structure\", \"members\": {"
"    \"Marker\": {\"shape\": \"Name\"},"
"    \"Limit\": {\"shape\": \"Int\"}"
"   }},"
"  \"ListMoreResult\": {\"type\": \"structure\", \"members\": {"
"    \"Items\": {\"shape\": \"ItemList\"},"
"    \"Prefixes\": {\"shape\": \"StringList\"},"
"    \"Total\": {\"shape\": \"Int\"},"
"    \"Truncated\": {\"shape\": \"Bool\"},"
"    \"NextMarker\": {\"shape\": \"Name\"},"
"    \"Owner\": {\"shape\": \"Name\"}"
"   }},"
"  \"Name\": {\"type\": \"string\", \"min\": 1},"
"  \"Int\": {\"type\": \"integer\", \"min\": 0},"
"  \"Long\": {\"type\": \"long\"},"
"  \"Double\": {\"type\": \"double\"},"
"  \"Bool\": {\"type\": \"boolean\"},"
"  \"Time\": {\"type\": \"timestamp\"},"
"  \"Blob\": {\"type\": \"blob\"},"
"  \"StringList\": {\"type\": \"list\", \"member\": {\"shape\": \"Name\"}},"
"  \"Item\": {\"type\": \"structure\", \"required\": [\"Id\"], \"members\": {"
"    \"Id\": {\"shape\": \"Int\"}, \"Label\": {\"shape\": \"Name\"}}},"
"  \"ItemList\": {\"type\": \"list\", \"member\": {\"shape\": \"Item\"}},"
"  \"AttrMap\": {\"type\": \"map\", \"key\": {\"shape\": \"Name\"},"
"   \"value\": {\"shape\": \"Long\"}},"
"  \"Doc\": {\"type\": \"structure\", \"members\": {}, \"document\": true},"
"  \"Mode\": {\"type\": \"string\", \"enum\": [\"fast\", \"slow\"]},"
"  \"Setting\": {\"type\": \"structure\", \"members\": {"
"    \"Value\": {\"shape\": \"Name\"}}},"
"  \"Nested\": {\"type\": \"structure\", \"members\": {"
"    \"Inner\": {\"shape\": \"Inner\"}, \"List\": {\"shape\": \"StringList\"}}},"
"  \"Inner\": {\"type\": \"structure\", \"members\": {"
"    \"Deep\": {\"shape\": \"Name\"}}}"
" }}";

static const char demo_paginators[] =
"{\"pagination\": {\"ListThings\": {\"input_token\": \"NextToken\","
" \"output_token\": \"NextToken\", \"limit_key\": \"MaxResults\","
" \"result_key\": \"Things\"},"
" \"ListMore\": {\"input_token\": \"Marker\","
" \"output_token\": \"NextMarker || Items[-1].Label\","
" \"more_results\": \"Truncated\", \"limit_key\": \"Limit\","
" \"result_key\": [\"Items\", \"Prefixes\", \"Total\"],"
" \"non_aggregate_keys\": [\"Owner\"]}}}";

static struct aws_service *demo;

static void
demo_free(void)
{
	aws_model_free(demo);
	aws_model_cache_clear();
}

/* The demo service, built once. */
const struct aws_service *
op_demo(void)
{
	cJSON *desc, *pag;
	char *cause = NULL;

	if (demo != NULL)
		return demo;
	desc = cJSON_Parse(demo_model);
	pag = cJSON_Parse(demo_paginators);
	CU_ASSERT_PTR_NOT_NULL_FATAL(desc);
	demo = aws_model_new(desc, pag, "demo", &cause);
	if (demo == NULL)
		printf("# %s\n", cause);
	free(cause);
	cJSON_Delete(desc);
	cJSON_Delete(pag);
	CU_ASSERT_PTR_NOT_NULL_FATAL(demo);
	atexit(demo_free);
	return demo;
}

/* An operation of the demo service. */
const struct aws_operation *
op_demo_op(const char *name)
{
	const struct aws_operation *op = aws_model_find_operation(op_demo(),
	    name);

	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	return op;
}

/* An operation of an installed model. */
const struct aws_operation *
op_real(const char *cli_service, const char *cli_op)
{
	char *cause = NULL;
	const struct aws_service *svc = aws_model_get_cli(cli_service, &cause);
	const struct aws_operation *op;

	if (svc == NULL)
		printf("# %s\n", cause);
	free(cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
	op = aws_model_find_operation_cli(svc, cli_op);
	CU_ASSERT_PTR_NOT_NULL_FATAL(op);
	return op;
}

/* Compare a value with JSON text. */
bool
op_json_eq(const cJSON *got, const char *want)
{
	char *cause = NULL;
	cJSON *w = aws_json_parse(want, strlen(want), &cause);
	bool eq;
	char *g;

	if (w == NULL)
		printf("# bad expected JSON: %s\n", cause);
	free(cause);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	eq = got != NULL && cJSON_Compare(got, w, true);
	if (!eq) {
		g = got ? cJSON_PrintUnformatted(got) : NULL;
		printf("# expected %s\n#      got %s\n", want, g ? g : "NULL");
		free(g);
	}
	cJSON_Delete(w);
	return eq;
}

/* Write a file under the test's temporary folder. */
const char *
op_tmpfile(const char *name, const void *data, size_t len)
{
	static char path[PATH_MAX];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", hs_unit_tmpdir(), name);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}
