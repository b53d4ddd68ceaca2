// busy-listener, an independent Java solution: a fixed thread pool serves the connections;
// each reads a line, answers it reversed and closes. The backlog is given explicitly (128):
// new ServerSocket(port) alone would take 50, fewer than the 64 clients of a burst.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Main {
  private static final int BACKLOG = 128;

  private static void answerReversed(Socket client) {
    try (client) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null) return; // closed before a line
      String reversed = new StringBuilder(line).reverse().toString() + "\n";
      OutputStream out = client.getOutputStream();
      out.write(reversed.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      System.err.println("connection failed: " + e.getMessage());
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java Main PORT");
      System.exit(1);
    }
    ExecutorService workers = Executors.newFixedThreadPool(8);
    try (ServerSocket listener = new ServerSocket(Integer.parseInt(args[0]), BACKLOG)) {
      while (true) {
        Socket client = listener.accept();
        workers.execute(() -> answerReversed(client));
      }
    }
  }
}
