// Boost.JSON compiled once for the chat (header-only library, one TU).
#include <boost/json/src.hpp>
