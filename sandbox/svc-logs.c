/*
 * svc-logs.c: the CloudWatch Logs service of the sandbox (json 1.1,
 * X-Amz-Target Logs_20140328.*): its operations, sorted by name.
 */
#include "hs-common.h"
#include "logs.h"

const struct sbx_op sbx_logs_ops[] = {
	{ "CreateLogGroup", sbx_logs_create_log_group },
	{ "CreateLogStream", sbx_logs_create_log_stream },
	{ "DeleteLogGroup", sbx_logs_delete_log_group },
	{ "DeleteRetentionPolicy", sbx_logs_delete_retention_policy },
	{ "DescribeLogGroups", sbx_logs_describe_log_groups },
	{ "DescribeLogStreams", sbx_logs_describe_log_streams },
	{ "FilterLogEvents", sbx_logs_filter_log_events },
	{ "GetLogEvents", sbx_logs_get_log_events },
	{ "PutLogEvents", sbx_logs_put_log_events },
	{ "PutRetentionPolicy", sbx_logs_put_retention_policy },
};
const size_t sbx_logs_n_ops = HS_ARRAY_SIZE(sbx_logs_ops);
