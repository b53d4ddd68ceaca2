// busy-listener: answer each connection's line reversed, then close it.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

constexpr std::size_t kMaxLine = 1024;
// TODO: how many connection attempts must the listener's queues hold at once?
constexpr int kBacklog = 1;

// Sends all of `data` (send() may send fewer bytes than asked). Returns false on error.
bool sendAll(int fd, const std::string &data) {
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

// Serves one connection; the caller closes it.
void serve(int fd) {
    std::string line;
    // TODO: read until '\n' (recv() may return part of the line; a line has at most kMaxLine
    // bytes), reverse the characters before the '\n' and send them back followed by '\n'
    // with sendAll(). If the client closes before the '\n', just return.
    (void)fd;
    (void)kMaxLine;
    (void)sendAll;
}

}  // namespace

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
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 ||
        listen(listener, kBacklog) < 0) {
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
