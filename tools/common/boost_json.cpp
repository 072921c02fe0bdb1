// Boost.JSON's compiled part, built once for the tools (header-only mode:
// every other file includes <boost/json.hpp> only).
#include <boost/json/src.hpp>
