// sigpipe-safe-server: write "TICK <i>\n" to each client every 50 ms until a write fails,
// then close that connection and serve the next client. Never die.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

// Serves one client; returns when the connection is no longer usable.
static void serve(int fd) {
    // TODO: for i = 1, 2, 3, ...: send "TICK <i>\n" on fd, then
    //   std::this_thread::sleep_for(std::chrono::milliseconds(50));
    // Look at what every send returns: -1 means the client is gone (errno tells why, e.g.
    // EPIPE or ECONNRESET); return then, and main() closes the connection.
    // Before that can work, think about what happens to this process when it writes to a
    // connection the client has reset (man 7 signal: SIGPIPE; man 2 send: MSG_NOSIGNAL).
    (void)fd;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
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
