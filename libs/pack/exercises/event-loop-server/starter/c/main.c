/*
 * event-loop-server: answer "SIZE <n>\n" with n bytes of the alphabet, to many clients at
 * once, without ever waiting on one of them.
 * Started as:  ./prog PORT     (listen on 0.0.0.0:PORT)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 1024
#define MAX_REQUEST 64
#define MAX_SIZE 16777216L

static const char ALPHABET[] = "abcdefghijklmnopqrstuvwxyz";

/* What the server remembers about one client between two poll() rounds. */
struct client {
    int fd;
    char request[MAX_REQUEST]; /* the request line so far */
    size_t request_len;
    long size;                 /* -1 while the request is incomplete, then n */
    long sent;                 /* bytes of the reply handed to send() so far */
};

static struct client clients[MAX_CLIENTS];
static int client_count;

static void set_nonblocking(int fd) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

/* Parses "SIZE <n>" (without the newline); returns n, or -1 when malformed. */
static long parse_request(const char *line) {
    if (strncmp(line, "SIZE ", 5) != 0 || line[5] == '\0') return -1;
    char *end;
    errno = 0;
    long n = strtol(line + 5, &end, 10);
    if (errno != 0 || *end != '\0' || n < 0 || n > MAX_SIZE) return -1;
    return n;
}

/* Fills buf with the reply's bytes from offset `from` on: byte k is ALPHABET[k % 26]. */
static void fill_reply(char *buf, long from, size_t len) {
    for (size_t k = 0; k < len; k++) buf[k] = ALPHABET[(from + (long)k) % 26];
}

/*
 * The client's socket has bytes to read (or its peer closed). Returns 0 to keep the client,
 * -1 to close it.
 */
static int on_readable(struct client *c) {
    /*
     * TODO: recv() what is there into c->request (the socket is non-blocking: EAGAIN means
     * "nothing more now", so return 0 and wait for the next round). recv() returning 0 means
     * the client closed: return -1. Once the request has its "\n", set c->size with
     * parse_request() (malformed: return -1) and c->sent = 0.
     */
    (void)c;
    (void)parse_request;
    return -1;
}

/*
 * The client's socket has room in its send buffer. Returns 0 to keep the client, -1 to close
 * it (its whole reply is handed over, or sending failed).
 */
static int on_writable(struct client *c) {
    /*
     * TODO: fill_reply() the next chunk (say 64 KiB) from offset c->sent and send() it with
     * MSG_NOSIGNAL. send() may take fewer bytes than offered: add what it took to c->sent.
     * EAGAIN means "the send buffer is full now": return 0 and wait for POLLOUT again.
     * Once c->sent == c->size, return -1: close() hands the rest to the kernel, then our FIN.
     */
    (void)c;
    (void)fill_reply;
    return -1;
}

/* Closes client i; the last client takes its slot. */
static void drop(int i) {
    close(clients[i].fd);
    clients[i] = clients[--client_count];
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s PORT\n", argv[0]);
        return 1;
    }
    /* A client may vanish while we write: get EPIPE from send() instead of dying of SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY);
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    if (bind(listener, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(listener, 128) < 0) {
        perror("bind/listen");
        return 1;
    }
    set_nonblocking(listener);

    struct pollfd fds[MAX_CLIENTS + 1];
    for (;;) {
        fds[0].fd = listener;
        fds[0].events = client_count < MAX_CLIENTS ? POLLIN : 0;
        for (int i = 0; i < client_count; i++) {
            fds[i + 1].fd = clients[i].fd;
            /* Wait to read while the request is incomplete, to write while the reply is due. */
            fds[i + 1].events = clients[i].size < 0 ? POLLIN : POLLOUT;
        }
        int polled = client_count;
        if (poll(fds, (nfds_t)polled + 1, -1) < 0) {
            if (errno == EINTR) continue;
            perror("poll");
            return 1;
        }
        /* Backwards, because drop() moves the last client into the freed slot. */
        for (int i = polled - 1; i >= 0; i--) {
            short ready = fds[i + 1].revents;
            if (ready == 0) continue;
            struct client *c = &clients[i];
            int keep;
            if (ready & (POLLERR | POLLNVAL)) keep = -1;
            else keep = c->size < 0 ? on_readable(c) : on_writable(c);
            if (keep < 0) drop(i);
        }
        if (fds[0].revents & POLLIN) {
            while (client_count < MAX_CLIENTS) {
                int fd = accept(listener, NULL, NULL);
                if (fd < 0) break; /* EAGAIN: no more waiting connections */
                set_nonblocking(fd);
                clients[client_count++] = (struct client){ .fd = fd, .size = -1 };
            }
        }
    }
}
