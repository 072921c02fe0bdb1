// Boost.URL compiled once for the chat (header-only library, one TU).
#include <boost/url/src.hpp>
