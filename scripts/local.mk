# scripts/: runbooks (*.hsh) and what they use; the tests of hipaa-shell
# --sandbox and of the profile's region (t0700-t0719).
hs_walkthrough_tests = \
	tests/t0710-shell-sandbox.sh \
	tests/t0715-profile-region.sh
TESTS += $(hs_walkthrough_tests)
EXTRA_DIST += $(hs_walkthrough_tests)
