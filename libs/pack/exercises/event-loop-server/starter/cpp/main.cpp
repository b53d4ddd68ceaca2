// event-loop-server: answer "SIZE <n>\n" with n bytes of the alphabet, to many clients at
// once, without ever waiting on one of them.
// Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kMaxRequest = 64;
constexpr long kMaxSize = 16777216;
const char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz";

// What the server remembers about one client between two poll() rounds.
struct Client {
    int fd;
    std::string request;  // the request line so far
    long size = -1;       // -1 while the request is incomplete, then n
    long sent = 0;        // bytes of the reply handed to send() so far
};

void setNonBlocking(int fd) { fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Parses "SIZE <n>" (without the newline); returns n, or -1 when malformed.
long parseRequest(const std::string &line) {
    if (line.rfind("SIZE ", 0) != 0 || line.size() == 5) return -1;
    char *end;
    errno = 0;
    long n = std::strtol(line.c_str() + 5, &end, 10);
    if (errno != 0 || *end != '\0' || n < 0 || n > kMaxSize) return -1;
    return n;
}

// The reply's bytes from offset `from` on: byte k is kAlphabet[k % 26].
std::string replyChunk(long from, std::size_t len) {
    std::string chunk(len, ' ');
    for (std::size_t k = 0; k < len; k++) chunk[k] = kAlphabet[(from + static_cast<long>(k)) % 26];
    return chunk;
}

// The client's socket has bytes to read (or its peer closed). Returns false to close it.
bool onReadable(Client &client) {
    // TODO: recv() what is there into client.request (the socket is non-blocking: EAGAIN means
    // "nothing more now", so return true and wait for the next round; at most kMaxRequest bytes).
    // recv() returning 0 means the client closed: return false. Once the request has its '\n',
    // set client.size with parseRequest() (malformed: return false).
    (void)client;
    (void)parseRequest;
    return false;
}

// The client's socket has room in its send buffer. Returns false to close it (its whole reply
// is handed over, or sending failed).
bool onWritable(Client &client) {
    // TODO: send() the next replyChunk() (say 64 KiB) from offset client.sent, with MSG_NOSIGNAL.
    // send() may take fewer bytes than offered: add what it took to client.sent. EAGAIN means
    // "the send buffer is full now": return true and wait for POLLOUT again. Once
    // client.sent == client.size, return false: close() hands the rest to the kernel, then our FIN.
    (void)client;
    (void)replyChunk;
    return false;
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
    if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0 || listen(listener, 128) < 0) {
        std::perror("bind/listen");
        return 1;
    }
    setNonBlocking(listener);

    std::vector<Client> clients;
    std::vector<pollfd> fds;
    for (;;) {
        fds.assign(1, pollfd{listener, POLLIN, 0});
        for (const Client &client : clients) {
            // Wait to read while the request is incomplete, to write while the reply is due.
            fds.push_back(pollfd{client.fd, static_cast<short>(client.size < 0 ? POLLIN : POLLOUT), 0});
        }
        if (poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) continue;
            std::perror("poll");
            return 1;
        }
        std::vector<Client> kept;
        for (std::size_t i = 0; i < clients.size(); i++) {
            short ready = fds[i + 1].revents;
            bool keep = true;
            if (ready & (POLLERR | POLLNVAL)) keep = false;
            else if (ready != 0) keep = clients[i].size < 0 ? onReadable(clients[i]) : onWritable(clients[i]);
            if (keep) kept.push_back(std::move(clients[i]));
            else close(clients[i].fd);
        }
        clients = std::move(kept);
        if (fds[0].revents & POLLIN) {
            for (;;) {
                int fd = accept(listener, nullptr, nullptr);
                if (fd < 0) break;  // EAGAIN: no more waiting connections
                setNonBlocking(fd);
                clients.push_back(Client{fd});
            }
        }
    }
}
