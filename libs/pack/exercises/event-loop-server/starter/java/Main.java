// event-loop-server: answer "SIZE <n>\n" with n bytes of the alphabet, to many clients at
// once, without ever waiting on one of them.
// Started as:  java Main PORT     (listen on 0.0.0.0:PORT)
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

public class Main {
    static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz".getBytes();
    static final int MAX_REQUEST = 64;
    static final long MAX_SIZE = 16L * 1024 * 1024;

    /** What the server remembers about one client between two select() rounds. */
    static final class Client {
        final SocketChannel channel;
        final ByteBuffer request = ByteBuffer.allocate(MAX_REQUEST); // the request line so far
        long size = -1; // -1 while the request is incomplete, then n
        long sent = 0;  // bytes of the reply handed to write() so far

        Client(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /** "SIZE <n>" (without the newline) -> n, or -1 when malformed. */
    static long parseRequest(String line) {
        if (!line.startsWith("SIZE ") || !line.substring(5).matches("[0-9]{1,9}")) return -1;
        long size = Long.parseLong(line.substring(5));
        return size <= MAX_SIZE ? size : -1;
    }

    /** The reply's bytes from offset `from` on: byte k is ALPHABET[k % 26]. */
    static ByteBuffer replyChunk(long from, int length) {
        byte[] chunk = new byte[length];
        for (int k = 0; k < length; k++) chunk[k] = ALPHABET[(int) ((from + k) % 26)];
        return ByteBuffer.wrap(chunk);
    }

    /** The channel has bytes to read (or the client closed). Returns false to close it. */
    static boolean onReadable(Client client) throws IOException {
        // TODO: client.channel.read(client.request) (non-blocking: 0 means "nothing more now",
        // return true; -1 means the client closed, return false). Once the request has its '\n',
        // set client.size with parseRequest() (-1: return false).
        return false;
    }

    /** The channel has room to send. Returns false to close it (reply handed over, or failed). */
    static boolean onWritable(Client client) throws IOException {
        // TODO: client.channel.write() the next replyChunk() (say 64 KiB) from client.sent;
        // write() may take fewer bytes than offered (even 0): add what it took to client.sent
        // and return true to wait for the next OP_WRITE. Once client.sent == client.size,
        // return false: close() hands the rest to the kernel, then our FIN.
        return false;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java Main PORT");
            System.exit(1);
        }
        Selector selector = Selector.open();
        ServerSocketChannel listener = ServerSocketChannel.open();
        listener.socket().setReuseAddress(true);
        listener.bind(new InetSocketAddress("0.0.0.0", Integer.parseInt(args[0])), 128);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        while (true) {
            selector.select();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isAcceptable()) {
                    SocketChannel channel;
                    while ((channel = listener.accept()) != null) {
                        channel.configureBlocking(false);
                        channel.register(selector, SelectionKey.OP_READ, new Client(channel));
                    }
                    continue;
                }
                Client client = (Client) key.attachment();
                boolean reading = client.size < 0;
                boolean keep;
                try {
                    keep = reading ? onReadable(client) : onWritable(client);
                } catch (IOException e) {
                    keep = false;
                }
                if (!keep) {
                    key.cancel();
                    client.channel.close();
                } else if (reading && client.size >= 0) {
                    // The request is complete: from now on, wait until the channel can take data.
                    key.interestOps(SelectionKey.OP_WRITE);
                }
            }
        }
    }
}
