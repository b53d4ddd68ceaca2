// prompt-close: answer "GET <key>\n" with "VALUE <key>\n", for up to 20 clients at once,
// and close each connection as soon as its client has closed or reset it.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
//
// This skeleton runs one thread per client; poll()/epoll in one thread works too.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

// Serves one client until it closes or resets the connection.
static void serve(int fd) {
    std::string pending;  // bytes received but not yet answered (a partial line)
    char buf[4096];
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            // TODO: n == 0 is end of stream (the client's FIN); n < 0 with ECONNRESET is the
            // client's RST. Either way this connection is over: what must the server do with
            // fd before this thread ends? (Look at the socket's state with `ss -tn` meanwhile.)
            return;
        }
        pending.append(buf, static_cast<size_t>(n));
        // TODO: answer every complete line in `pending`: "GET <key>\n" gets "VALUE <key>\n"
        // (send() may send less than asked: send the rest too). Keep an unfinished line for
        // the next recv(): one recv() may return part of a line or several lines.
        pending.clear();
    }
}

int main(int argc, char **argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    std::signal(SIGPIPE, SIG_IGN);  // a client may be gone when we answer: EPIPE, not death
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
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 64) < 0) {
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
        std::thread(serve, fd).detach();
    }
}
