/*
 * svc-iam.c: the IAM service of the sandbox (query protocol, global):
 * its operations, sorted by name. Model-driven: the shared protocol code
 * decodes c->input and encodes c->output from botocore's IAM model.
 */
#include "hs-common.h"
#include "iam.h"

const struct sbx_op sbx_iam_ops[] = {
	{ "AttachRolePolicy", sbx_iam_attach_role_policy },
	{ "CreatePolicy", sbx_iam_create_policy },
	{ "CreateRole", sbx_iam_create_role },
	{ "DeletePolicy", sbx_iam_delete_policy },
	{ "DeleteRole", sbx_iam_delete_role },
	{ "DeleteRolePolicy", sbx_iam_delete_role_policy },
	{ "DetachRolePolicy", sbx_iam_detach_role_policy },
	{ "GetPolicy", sbx_iam_get_policy },
	{ "GetPolicyVersion", sbx_iam_get_policy_version },
	{ "GetRole", sbx_iam_get_role },
	{ "GetRolePolicy", sbx_iam_get_role_policy },
	{ "ListAttachedRolePolicies", sbx_iam_list_attached_role_policies },
	{ "ListRolePolicies", sbx_iam_list_role_policies },
	{ "ListRoleTags", sbx_iam_list_role_tags },
	{ "ListRoles", sbx_iam_list_roles },
	{ "PutRolePolicy", sbx_iam_put_role_policy },
	{ "TagRole", sbx_iam_tag_role },
	{ "UntagRole", sbx_iam_untag_role },
	{ "UpdateAssumeRolePolicy", sbx_iam_update_assume_role_policy },
	{ "UpdateRole", sbx_iam_update_role },
};
const size_t sbx_iam_n_ops = HS_ARRAY_SIZE(sbx_iam_ops);
