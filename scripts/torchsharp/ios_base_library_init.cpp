// GCC 13's libstdc++ (GLIBCXX_3.4.32) exports std::ios_base_library_init(), which code compiled against it calls to
// make sure the standard streams are constructed first. Debian 12's libstdc++ (GCC 12) constructs them in its own
// static initialiser, so an empty definition is all an older libstdc++ needs.
namespace std { void ios_base_library_init() {} }
