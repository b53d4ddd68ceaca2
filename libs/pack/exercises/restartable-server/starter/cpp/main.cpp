// restartable-server: send "BYE\n" to every client and close the connection first; the
// server must be able to restart at once on the same port.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        std::perror("socket");
        return 1;
    }
    // TODO: when this server is restarted, its last connection is still in TIME_WAIT and
    // holds the port. Which socket option, set here before bind(), lets bind() succeed anyway?
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons(static_cast<unsigned short>(std::atoi(argv[1])));
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0) {
        std::perror("bind");  // "Address already in use" is EADDRINUSE
        return 1;
    }
    if (listen(listener, 16) < 0) {
        std::perror("listen");
        return 1;
    }
    for (;;) {
        int fd = accept(listener, nullptr, nullptr);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            std::perror("accept");
            return 1;
        }
        // TODO: send "BYE\n" on fd, then close it: the server closes first.
        (void)fd;
    }
}
