/*
 * lambda-runtime.c: Lambda's runtimes: which ones CreateFunction accepts
 * (the current list), which ones it refuses as deprecated (function
 * creation blocked), the local program that runs each family, and the
 * shims (sandbox/runtime/, embedded at build time by embed.sh) that
 * carry Lambda's runtime interface into the child process.
 */
#include "hs-common.h"
#include "lambda.h"

extern const char sbx_lambda_node_shim[];
extern const char sbx_lambda_python_shim[];

/* Runtimes accepted for new functions. */
static const char *const lambda_current[] = {
	"dotnet10", "dotnet8", "java11", "java17", "java21", "java25",
	"java8.al2", "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x",
	"provided.al2", "provided.al2023", "python3.10", "python3.11",
	"python3.12", "python3.13", "python3.14", "python3.9", "ruby3.2",
	"ruby3.3", "ruby3.4",
};

/* Runtimes whose function creation Lambda blocks. */
static const char *const lambda_deprecated[] = {
	"dotnet6", "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1",
	"dotnetcore3.1", "go1.x", "java8", "nodejs", "nodejs10.x",
	"nodejs12.x", "nodejs14.x", "nodejs16.x", "nodejs4.3",
	"nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "provided",
	"python2.7", "python3.6", "python3.7", "python3.8", "ruby2.5",
	"ruby2.7",
};

/* Tell whether name is in a list. */
static bool
lambda_in(const char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* Tell whether a runtime is one Lambda accepts for new functions. */
bool
sbx_lambda_runtime_current(const char *runtime, bool *deprecated)
{
	*deprecated = lambda_in(lambda_deprecated,
	    HS_ARRAY_SIZE(lambda_deprecated), runtime);
	return lambda_in(lambda_current, HS_ARRAY_SIZE(lambda_current),
	    runtime);
}

/* The program that runs a runtime, or NULL. */
const char *
sbx_lambda_runtime_program(const char *runtime)
{
	if (hs_starts_with(runtime, "nodejs"))
		return "node";
	if (hs_starts_with(runtime, "python3"))
		return "python3";
	return NULL;
}

/* The shim's file name and text for a runtime, or NULL. */
const char *
sbx_lambda_shim(const char *runtime, const char **file_name)
{
	if (hs_starts_with(runtime, "nodejs")) {
		*file_name = "node-shim.js";
		return sbx_lambda_node_shim;
	}
	if (hs_starts_with(runtime, "python3")) {
		*file_name = "python-shim.py";
		return sbx_lambda_python_shim;
	}
	return NULL;
}
