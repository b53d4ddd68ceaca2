// line-protocol: answer every line with "LEN <n>\n".
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

constexpr std::size_t kMaxLine = 8192;

// Sends all of `data` (send() may send fewer bytes than asked). Returns false on error.
static bool sendAll(int fd, const std::string &data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = send(fd, data.data() + sent, data.size() - sent, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

// Serves one client until it closes its side (recv() returns 0).
static void serve(int fd) {
    char buf[4096];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        // TODO: these n bytes are NOT one line. They may hold part of a line, the end of one
        // line and the start of the next, or several lines. Keep the current line in a
        // std::string across calls, and for every '\n':
        //   - drop one '\r' right before the '\n';
        //   - reply "LEN <content length>\n" with sendAll();
        //   - if the content is longer than kMaxLine bytes, reply "ERR too long\n" instead and
        //     return (the caller closes the connection). Do not buffer more than you need.
        (void)sendAll;
        (void)kMaxLine;
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    // A client may vanish while we write: get EPIPE from send() instead of dying of SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        std::perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(static_cast<unsigned short>(std::atoi(argv[1])));
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 16) < 0) {
        std::perror("bind/listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            std::perror("accept");
            return 1;
        }
        serve(fd);
        close(fd);
    }
}
