/*
 * svc-lambda.c: the Lambda service of the sandbox (rest-json,
 * /2015-03-31/functions...): its operations, sorted by name.
 */
#include "hs-common.h"
#include "lambda.h"

const struct sbx_op sbx_lambda_ops[] = {
	{ "AddPermission", sbx_lambda_add_permission },
	{ "CreateFunction", sbx_lambda_create_function },
	{ "DeleteFunction", sbx_lambda_delete_function },
	{ "GetFunction", sbx_lambda_get_function },
	{ "GetFunctionConfiguration", sbx_lambda_get_function_configuration },
	{ "GetPolicy", sbx_lambda_get_policy },
	{ "Invoke", sbx_lambda_invoke_handler },
	{ "ListFunctions", sbx_lambda_list_functions },
	{ "ListVersionsByFunction", sbx_lambda_list_versions_by_function },
	{ "PublishVersion", sbx_lambda_publish_version },
	{ "RemovePermission", sbx_lambda_remove_permission },
	{ "UpdateFunctionCode", sbx_lambda_update_function_code },
	{ "UpdateFunctionConfiguration",
	    sbx_lambda_update_function_configuration },
};
const size_t sbx_lambda_n_ops = HS_ARRAY_SIZE(sbx_lambda_ops);
