/*
 * protocol-gen.h: sample values for tests (tests/protocol-gen.c).
 */
#ifndef HS_TESTS_PROTOCOL_GEN_H
#define HS_TESTS_PROTOCOL_GEN_H

#include <cjson/cJSON.h>
#include "model.h"

/* A value for a reference with every member set (depth limits
 * recursion: below 3 only required members, and never "{}"). */
cJSON *test_gen_value(const struct aws_ref *ref, int depth);
/* Drop empty structures (and lists and maps left empty by that); true
 * when v itself is left empty. */
bool test_prune(cJSON *v);

#endif
