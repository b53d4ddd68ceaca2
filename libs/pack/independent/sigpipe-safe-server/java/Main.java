// sigpipe-safe-server, an independent Java solution: "TICK <i>\n" every 50 ms until a write
// fails, then the next client. Written with a PrintWriter, which never throws: checkError()
// after each line is what tells that the client is gone.
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

public class Main {
  private static void tickUntilGone(Socket client) throws IOException, InterruptedException {
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII));
    for (long tick = 1; ; tick++) {
      out.print("TICK " + tick + "\n");
      if (out.checkError()) { // flushes, then reports whether any write failed
        System.err.println("client gone after TICK " + (tick - 1));
        return;
      }
      Thread.sleep(50);
    }
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReuseAddress(true);
      listener.bind(new InetSocketAddress(Integer.parseInt(args[0])));
      while (true) {
        try (Socket client = listener.accept()) {
          tickUntilGone(client);
        } catch (IOException e) {
          System.err.println("client failed: " + e.getMessage());
        }
      }
    }
  }
}
