// prompt-close, an independent Java solution: one thread with a java.nio Selector. A read
// returning -1 (the client's FIN) or throwing (its RST) closes the channel at once.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

public class Main {
  private static final int LONGEST_LINE = 128;

  /** Unanswered bytes of one client (a partial line). */
  private static final class Pending {
    final StringBuilder text = new StringBuilder();
  }

  private static void reply(SocketChannel channel, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    while (bytes.hasRemaining()) channel.write(bytes); // a few bytes: the send buffer has room
  }

  /** Reads what arrived; false once the client has closed or reset the connection. */
  private static boolean serveReadable(SocketChannel channel, Pending pending) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(4096);
    int got = channel.read(chunk);
    if (got < 0) return false;
    pending.text.append(new String(chunk.array(), 0, got, StandardCharsets.US_ASCII));
    int newline;
    while ((newline = pending.text.indexOf("\n")) >= 0) {
      String line = pending.text.substring(0, newline);
      pending.text.delete(0, newline + 1);
      if (line.startsWith("GET ") && line.length() > 4) reply(channel, "VALUE " + line.substring(4) + "\n");
    }
    return pending.text.length() <= LONGEST_LINE;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    Selector selector = Selector.open();
    ServerSocketChannel listener = ServerSocketChannel.open();
    listener.bind(new InetSocketAddress(Integer.parseInt(args[0])), 64);
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    while (true) {
      selector.select();
      for (SelectionKey key : selector.selectedKeys()) {
        if (key.isAcceptable()) {
          SocketChannel client;
          while ((client = listener.accept()) != null) {
            client.configureBlocking(false);
            client.register(selector, SelectionKey.OP_READ, new Pending());
          }
          continue;
        }
        SocketChannel channel = (SocketChannel) key.channel();
        boolean open;
        try {
          open = serveReadable(channel, (Pending) key.attachment());
        } catch (IOException reset) {
          open = false;
        }
        if (!open) {
          key.cancel();
          channel.close();
        }
      }
      selector.selectedKeys().clear();
    }
  }
}
