<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>Tables</name>
    <message>
      <source>Full speed</source>
      <translation>全速</translation>
    </message>
    <message>
      <source>100 iterations/s</source>
      <translation>每秒 100 次迭代</translation>
    </message>
    <message>
      <source>20 iterations/s</source>
      <translation>每秒 20 次迭代</translation>
    </message>
    <message>
      <source>5 iterations/s</source>
      <translation>每秒 5 次迭代</translation>
    </message>
    <message>
      <source>Narrated: 2 steps/s</source>
      <translation>讲解：每秒 2 步</translation>
    </message>
    <message>
      <source>Narrated slow motion: 1 step every 2 s</source>
      <translation>讲解慢动作：每 2 秒 1 步</translation>
    </message>
    <message>
      <source>Untrained: G turns each fixed z into noise; D has not learned what a digit looks like.</source>
      <translation>未训练：G 把每个固定的 z 都变成一团噪点；D 还不知道数字长什么样。</translation>
    </message>
    <message>
      <source>D step: D learns to tell training images from G's samples (watch the frames' colours).</source>
      <translation>D 走一步：D 学习区分训练图像和 G 的样本（留意边框的颜色）。</translation>
    </message>
    <message>
      <source>G step: every sample moves toward what D currently calls real (watch the grid).</source>
      <translation>G 走一步：每个样本都朝 D 当前判为“真”的方向移动（留意网格）。</translation>
    </message>
    <message>
      <source>One iteration of Algorithm 1: k D steps, then a G step.</source>
      <translation>算法1的一次迭代：先走 k 步 D，再走一步 G。</translation>
    </message>
    <message>
      <source>Untrained: G puts its samples wherever its random weights send them.</source>
      <translation>未训练：G 的随机权重把样本送到哪里，样本就落在哪里。</translation>
    </message>
    <message>
      <source>D step: push D(x) up on real samples, down on G's samples (the blue curve moves).</source>
      <translation>D 走一步：在真实样本处把 D(x) 往上推，在 G 的样本处往下压（蓝色曲线在动）。</translation>
    </message>
    <message>
      <source>G step: move G's samples toward where D says "real" (the arrows move).</source>
      <translation>G 走一步：把 G 的样本移向 D 判为“真”的地方（箭头在动）。</translation>
    </message>
    <message>
      <source>Optimal D*(x)</source>
      <translation>最优判别器 D*(x)</translation>
    </message>
    <message>
      <source>p_data / (p_data + p_g): where D would be if trained to the end (Proposition 1)</source>
      <translation>p_data / (p_data + p_g)：D 训练到底时应有的样子（命题1）</translation>
    </message>
    <message>
      <source>G's push on its samples</source>
      <translation>G 的样本受到的推力</translation>
    </message>
    <message>
      <source>-d loss_G / dx on each G(z): where and how hard the chosen loss moves it</source>
      <translation>每个 G(z) 上的 -d loss_G / dx：所选损失把它往哪边推、推得多用力</translation>
    </message>
    <message>
      <source>Histogram of G's samples</source>
      <translation>G 样本的直方图</translation>
    </message>
    <message>
      <source>The raw samples behind the smooth green p_g</source>
      <translation>平滑的绿色 p_g 背后的原始样本</translation>
    </message>
    <message>
      <source>D step: D's heat-map turns blue on real samples and orange on fakes.</source>
      <translation>D 走一步：D 的热图在真实样本处变蓝，在假样本处变橙。</translation>
    </message>
    <message>
      <source>G step: every fake moves along its arrow, toward where D says real.</source>
      <translation>G 走一步：每个假样本沿着自己的箭头，朝 D 判为真的地方移动。</translation>
    </message>
    <message>
      <source>D's decision heat-map</source>
      <translation>D 的判别热图</translation>
    </message>
    <message>
      <source>D(x) over the plane: blue where D says real, orange where it says fake</source>
      <translation>整个平面上的 D(x)：蓝色处 D 判为真，橙色处判为假</translation>
    </message>
    <message>
      <source>D = 1/2 contour</source>
      <translation>D = 1/2 等值线</translation>
    </message>
    <message>
      <source>Where D cannot tell real from fake</source>
      <translation>D 分不清真假的地方</translation>
    </message>
    <message>
      <source>Data density contours</source>
      <translation>数据密度等值线</translation>
    </message>
    <message>
      <source>The exact p_data, at a few levels</source>
      <translation>精确的 p_data，画几条等值线</translation>
    </message>
    <message>
      <source>Real samples</source>
      <translation>真实样本</translation>
    </message>
    <message>
      <source>512 fixed samples of p_data</source>
      <translation>p_data 的 512 个固定样本</translation>
    </message>
    <message>
      <source>Fake samples</source>
      <translation>假样本</translation>
    </message>
    <message>
      <source>G(z) for 512 fixed z: the same z every frame</source>
      <translation>512 个固定 z 的 G(z)：每帧都是同一批 z</translation>
    </message>
    <message>
      <source>G's manifold</source>
      <translation>G 的流形</translation>
    </message>
    <message>
      <source>The image of a regular z grid: how G folds the noise onto the plane</source>
      <translation>规则 z 网格的像：G 如何把噪声折叠到平面上</translation>
    </message>
    <message>
      <source>-d loss_G / dx on each fake, for the loss chosen</source>
      <translation>每个假样本处的 -d loss_G / dx（按所选损失）</translation>
    </message>
    <message>
      <source>Ring of 8 Gaussians: mode collapse</source>
      <translation>8 个高斯组成的圆环：模式坍塌</translation>
    </message>
    <message>
      <source>Eight modes on a ring (radius 2, sigma 0.02): watch the fakes gather on a few modes while D's heat-map chases them; the numbers count the modes covered. Then try the fixes: unrolled D, packing, R1.</source>
      <translation>圆环上的八个模式（半径 2，sigma 0.02）：看假样本聚到少数几个模式上，D 的热图在后面追；数值面板会数出覆盖了几个模式。然后试试几种修正：展开的 D、打包、R1。</translation>
    </message>
    <message>
      <source>Ring of 8, G against an unrolled D</source>
      <translation>8 个高斯的圆环，G 面对展开的 D</translation>
    </message>
    <message>
      <source>The same ring, with G's loss taken through 5 unrolled D steps (Metz et al. 2017): compare the modes covered with the plain ring at the same iteration.</source>
      <translation>同一个圆环，但 G 的损失要穿过 5 步展开的 D（Metz 等，2017）：在同一迭代次数下，与普通圆环比较覆盖的模式数。</translation>
    </message>
    <message>
      <source>Grid of 25 Gaussians</source>
      <translation>25 个高斯组成的网格</translation>
    </message>
    <message>
      <source>Twenty-five modes on a 5 x 5 grid (sigma 0.05): a harder target for the same networks.</source>
      <translation>5 x 5 网格上的二十五个模式（sigma 0.05）：对同样的网络来说更难的目标。</translation>
    </message>
    <message>
      <source>Ring of 8 Gaussians</source>
      <translation>8 个高斯组成的圆环</translation>
    </message>
    <message>
      <source>Your points</source>
      <translation>你的数据点</translation>
    </message>
    <message>
      <source>Line (GAN Lab)</source>
      <translation>直线（GAN Lab）</translation>
    </message>
    <message>
      <source>Two Gaussians (GAN Lab)</source>
      <translation>两个高斯分布（GAN Lab）</translation>
    </message>
    <message>
      <source>Ring (GAN Lab)</source>
      <translation>圆环（GAN Lab）</translation>
    </message>
    <message>
      <source>Three disjoint blobs (GAN Lab)</source>
      <translation>三个互不相交的团块（GAN Lab）</translation>
    </message>
    <message>
      <source>Swiss roll</source>
      <translation>瑞士卷</translation>
    </message>
    <message>
      <source>Sample grids</source>
      <translation>样本</translation>
    </message>
    <message>
      <source>Open image data set (file)...</source>
      <translation>打开图像数据集（文件）…</translation>
    </message>
    <message>
      <source>Open an image data set (MNIST IDX, .npz)</source>
      <translation>打开图像数据集（MNIST IDX、.npz）</translation>
    </message>
    <message>
      <source>Open image data set (folder of images)...</source>
      <translation>打开图像数据集（图像文件夹）…</translation>
    </message>
    <message>
      <source>The sample grid (PNG)...</source>
      <translation>样本网格（PNG）…</translation>
    </message>
    <message>
      <source>Figure 1</source>
      <translation>图1</translation>
    </message>
    <message>
      <source>Load data samples (CSV)...</source>
      <translation>载入数据样本（CSV）…</translation>
    </message>
    <message>
      <source>Load data samples (CSV) as p_data</source>
      <translation>载入数据样本（CSV）作为 p_data</translation>
    </message>
    <message>
      <source>The timeline as an animated GIF...</source>
      <translation>时间轴动画 GIF…</translation>
    </message>
    <message>
      <source>Show or hide D*</source>
      <translation>显示或隐藏 D*</translation>
    </message>
    <message>
      <source>Show or hide the optimal D* on Figure 1</source>
      <translation>在图1上显示或隐藏最优判别器 D*</translation>
    </message>
    <message>
      <source>Capture Figure 1</source>
      <translation>截下图1</translation>
    </message>
    <message>
      <source>Capture Figure 1 into the strip (a)-(d)</source>
      <translation>截下图1，放入截图栏 (a)-(d)</translation>
    </message>
    <message>
      <source>Back to the live run</source>
      <translation>回到实时训练</translation>
    </message>
    <message>
      <source>Leave the timeline: back to the live run</source>
      <translation>离开时间轴：回到实时训练</translation>
    </message>
    <message>
      <source>The plane</source>
      <translation>平面</translation>
    </message>
    <message>
      <source>Load data points (CSV: x, y)...</source>
      <translation>载入数据点（CSV：x, y）...</translation>
    </message>
    <message>
      <source>Leaky ReLU</source>
      <translation>Leaky ReLU</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <source>ELU</source>
      <translation>ELU</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>Training settings</source>
      <translation>训练设置</translation>
    </message>
    <message>
      <source>Figure 1 overlays</source>
      <translation>图1叠加显示</translation>
    </message>
    <message>
      <source>Data and noise</source>
      <translation>数据与噪声</translation>
    </message>
    <message>
      <source>Networks</source>
      <translation>网络</translation>
    </message>
    <message>
      <source>Adam</source>
      <translation>Adam</translation>
    </message>
    <message>
      <source>SGD with momentum</source>
      <translation>带动量的 SGD</translation>
    </message>
    <message>
      <source>SGD, momentum 0.9 (the paper)</source>
      <translation>SGD，动量 0.9（论文）</translation>
    </message>
    <message>
      <source>MNIST sample: 5,000 digits, 28x28</source>
      <translation>MNIST 子集：5,000 个数字，28x28</translation>
    </message>
    <message>
      <source>Small digits: 1,797 images, 8x8 (quick)</source>
      <translation>小尺寸数字：1,797 张图像，8x8（较快）</translation>
    </message>
    <message>
      <source>Small DCGAN (convolutional)</source>
      <translation>小型 DCGAN（卷积网络）</translation>
    </message>
    <message>
      <source>The paper's MLP (maxout D, dropout)</source>
      <translation>论文的 MLP（maxout D，dropout）</translation>
    </message>
    <message>
      <source>Linear (lerp)</source>
      <translation>线性插值（lerp）</translation>
    </message>
    <message>
      <source>Spherical (slerp)</source>
      <translation>球面插值（slerp）</translation>
    </message>
    <message>
      <source>KL(p_data ‖ p_g)</source>
      <translation>KL(p_data ‖ p_g)</translation>
    </message>
    <message>
      <source>Infinite wherever the data has mass and G has none: one reason for the JSD.</source>
      <translation>只要某处数据有概率质量而 G 没有，它就是无穷大：这是采用 JSD 的原因之一。</translation>
    </message>
    <message>
      <source>KL(p_g ‖ p_data)</source>
      <translation>KL(p_g ‖ p_data)</translation>
    </message>
    <message>
      <source>Infinite wherever G puts mass the data never has.</source>
      <translation>只要 G 把概率质量放在数据从不出现的地方，它就是无穷大。</translation>
    </message>
    <message>
      <source>JSD(p_data ‖ p_g)</source>
      <translation>JSD(p_data ‖ p_g)</translation>
    </message>
    <message>
      <source>Jensen-Shannon divergence, nats: 0 when p_g = p_data, log 2 = 0.693 when apart.</source>
      <translation>詹森–香农散度，单位为奈特：p_g = p_data 时为 0，两者完全分开时为 log 2 = 0.693。</translation>
    </message>
    <message>
      <source>W1(p_data, p_g)</source>
      <translation>W1(p_data, p_g)</translation>
    </message>
    <message>
      <source>Wasserstein-1 (earth mover's) distance, in units of x: how far mass must move.</source>
      <translation>Wasserstein-1（推土机）距离，以 x 为单位：概率质量必须搬运多远。</translation>
    </message>
    <message>
      <source>V(D, G)</source>
      <translation>V(D, G)</translation>
    </message>
    <message>
      <source>E_data[log D(x)] + E_z[log(1 - D(G(z)))]: the game's value with the current D.</source>
      <translation>E_data[log D(x)] + E_z[log(1 - D(G(z)))]：当前 D 下这场博弈的价值。</translation>
    </message>
    <message>
      <source>C(G) = -log 4 + 2 JSD</source>
      <translation>C(G) = -log 4 + 2 JSD</translation>
    </message>
    <message>
      <source>The value with the optimal D* (Theorem 1). V(D, G) &lt;= C(G).</source>
      <translation>用最优 D* 算出的价值（定理1）。V(D, G) &lt;= C(G)。</translation>
    </message>
    <message>
      <source>-log 4</source>
      <translation>-log 4</translation>
    </message>
    <message>
      <source>The global minimum of C(G), reached exactly when p_g = p_data.</source>
      <translation>C(G) 的全局最小值，当且仅当 p_g = p_data 时取到。</translation>
    </message>
    <message>
      <source>D accuracy real / fake</source>
      <translation>D 准确率（真 / 假）</translation>
    </message>
    <message>
      <source>Share of the data D calls real, and of G's samples D calls fake.</source>
      <translation>真实数据中被 D 判为真的比例，以及 G 的样本中被 D 判为假的比例。</translation>
    </message>
    <message>
      <source>Modes covered</source>
      <translation>覆盖的模式</translation>
    </message>
    <message>
      <source>Modes with at least one of 2,500 samples of G within 3 sigma of it (PacGAN).</source>
      <translation>G 的 2,500 个样本中，至少有一个落在其 3 sigma 以内的模式数（PacGAN）。</translation>
    </message>
    <message>
      <source>High-quality samples, %</source>
      <translation>高质量样本，%</translation>
    </message>
    <message>
      <source>Share of G's samples within 3 sigma of their nearest mode.</source>
      <translation>G 的样本中落在最近模式 3 sigma 以内的比例。</translation>
    </message>
    <message>
      <source>Reverse KL over the modes</source>
      <translation>各模式上的反向 KL</translation>
    </message>
    <message>
      <source>KL between the modes' share of G's high-quality samples and the true weights: 0 when balanced.</source>
      <translation>G 的高质量样本在各模式上的分布与真实权重之间的 KL：均衡时为 0。</translation>
    </message>
    <message>
      <source>JS(p_data, p_g)</source>
      <translation>JS(p_data, p_g)</translation>
    </message>
    <message>
      <source>Jensen-Shannon divergence on the 64 x 64 grid, nats, with the mass outside it kept: &lt;= log 2.</source>
      <translation>64 x 64 网格上的 Jensen-Shannon 散度（奈特），网格外的质量也计入：不超过 log 2。</translation>
    </message>
    <message>
      <source>W1, 64 fakes to 64 reals</source>
      <translation>W1，64 个假样本对 64 个真实样本</translation>
    </message>
    <message>
      <source>Exact earth mover's distance between 64 of G's samples and 64 of the data's (a small-sample estimate).</source>
      <translation>G 的 64 个样本与数据的 64 个样本之间的精确推土机距离（小样本估计）。</translation>
    </message>
    <message>
      <source>Unrolled D</source>
      <translation>展开的 D</translation>
    </message>
    <message>
      <source>G's loss looks k D steps ahead (Metz et al. 2017): G cannot win by exploiting D's current blind spot.</source>
      <translation>G 的损失向前看 k 步 D（Metz 等，2017）：G 无法靠钻 D 当前的盲点取胜。</translation>
    </message>
    <message>
      <source>Packing</source>
      <translation>打包</translation>
    </message>
    <message>
      <source>D judges m samples at once (PacGAN): a batch of look-alike fakes is easy to call fake.</source>
      <translation>D 一次判断 m 个样本（PacGAN）：一组彼此相像的假样本很容易被识破。</translation>
    </message>
    <message>
      <source>R1 penalty</source>
      <translation>R1 惩罚</translation>
    </message>
    <message>
      <source>Penalises D's slope on real data (Mescheder et al. 2018), which keeps the game from circling.</source>
      <translation>惩罚 D 在真实数据上的斜率（Mescheder 等，2018），让博弈不再绕圈。</translation>
    </message>
    <message>
      <source>Minibatch discrimination</source>
      <translation>小批量判别</translation>
    </message>
    <message>
      <source>D sees how close each sample is to the rest of its batch (Salimans et al. 2016).</source>
      <translation>D 能看到每个样本与同批其他样本有多接近（Salimans 等，2016）。</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Run</source>
      <translation>运行(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Presets</source>
      <translation>预设(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>Open session...</source>
      <translation>打开会话…</translation>
    </message>
    <message>
      <source>Open a session file</source>
      <translation>打开会话文件</translation>
    </message>
    <message>
      <source>Save session...</source>
      <translation>保存会话…</translation>
    </message>
    <message>
      <source>Save the session (settings, networks, timeline)</source>
      <translation>保存会话（设置、网络、时间轴）</translation>
    </message>
    <message>
      <source>Snapshot arrays (.npz)...</source>
      <translation>快照数组（.npz）…</translation>
    </message>
    <message>
      <source>Export the current snapshot or samples (.npz)</source>
      <translation>导出当前快照或样本（.npz）</translation>
    </message>
    <message>
      <source>Metrics over iterations (CSV)...</source>
      <translation>各次迭代的指标（CSV）…</translation>
    </message>
    <message>
      <source>Quit</source>
      <translation>退出</translation>
    </message>
    <message>
      <source>Play / pause</source>
      <translation>播放 / 暂停</translation>
    </message>
    <message>
      <source>Step one iteration</source>
      <translation>走一次迭代</translation>
    </message>
    <message>
      <source>One iteration (k D steps, then G)</source>
      <translation>一次迭代（先 k 步 D，再走 G）</translation>
    </message>
    <message>
      <source>Step D only</source>
      <translation>只走一步 D</translation>
    </message>
    <message>
      <source>One discriminator step</source>
      <translation>判别器走一步</translation>
    </message>
    <message>
      <source>Step G only</source>
      <translation>只走一步 G</translation>
    </message>
    <message>
      <source>One generator step</source>
      <translation>生成器走一步</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Reset the run</source>
      <translation>重置训练</translation>
    </message>
    <message>
      <source>Switch the generator loss (minimax / non-saturating)</source>
      <translation>切换生成器损失（极小极大 / 非饱和）</translation>
    </message>
    <message>
      <source>Generator loss: minimax &lt;-&gt; non-saturating</source>
      <translation>生成器损失：极小极大 &lt;-&gt; 非饱和</translation>
    </message>
    <message>
      <source>Next speed</source>
      <translation>下一档速度</translation>
    </message>
    <message>
      <source>Next speed (full, 100, 20, 5 it/s, narrated, slow motion)</source>
      <translation>下一档速度（全速、100、20、5 次/秒、讲解、慢动作）</translation>
    </message>
    <message>
      <source>Presenter mode (projector)</source>
      <translation>演示模式（投影）</translation>
    </message>
    <message>
      <source>Presenter mode: full screen, large type, thick lines</source>
      <translation>演示模式：全屏、大字号、粗线条</translation>
    </message>
    <message>
      <source>Lessons</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>Show or hide the guided lessons</source>
      <translation>显示或隐藏引导课程</translation>
    </message>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>This list of keys</source>
      <translation>快捷键列表</translation>
    </message>
    <message>
      <source>About GAN Lab Desktop</source>
      <translation>关于 GAN Lab 桌面版</translation>
    </message>
    <message>
      <source>Figure 1: learning a Gaussian</source>
      <translation>图1：学习一个高斯分布</translation>
    </message>
    <message>
      <source>p_g (green) slides onto p_data (black) and D(x) (blue) flattens to 1/2, as in Figure 1 (a)-(d).</source>
      <translation>p_g（绿色）滑向 p_data（黑色），D(x)（蓝色）逐渐平躺到 1/2，就像图1的 (a)-(d)。</translation>
    </message>
    <message>
      <source>Saturation: minimax vs non-saturating</source>
      <translation>饱和：极小极大损失与非饱和损失</translation>
    </message>
    <message>
      <source>D starts far ahead (500 steps) and rejects every fake: under the minimax loss log(1 - D(G(z))) is flat and G barely moves. Switch the loss to non-saturating and G runs to the data.</source>
      <translation>D 先行 500 步，遥遥领先，拒绝每一个假样本：在极小极大损失下，log(1 - D(G(z))) 几乎是平的，G 几乎不动。把损失换成非饱和损失，G 就会奔向数据。</translation>
    </message>
    <message>
      <source>k D steps per G step</source>
      <translation>k 步：G 每走一步，D 先走 k 步</translation>
    </message>
    <message>
      <source>D takes five steps for each step of G (Algorithm 1's k = 5): switch on D* and see D stay close to it, where with k = 1 it lags behind. Set k back to 1 to compare.</source>
      <translation>G 每走一步，D 走五步（算法1中的 k = 5）：打开 D*，可以看到 D 始终紧贴着它；而 k = 1 时 D 会落在后面。把 k 改回 1 进行比较。</translation>
    </message>
    <message>
      <source>G trained too much: the Helvetica scenario</source>
      <translation>G 训练过度：Helvetica 场景</translation>
    </message>
    <message>
      <source>Ten G steps for every D step on two modes: G chases the stale D's peak and maps almost every z to one x (p_g becomes a spike). Set G steps to 1 and k to 5 to let D keep up.</source>
      <translation>在双峰数据上，D 每走一步，G 走十步：G 追着过时的 D 的峰顶跑，把几乎所有的 z 都映射到同一个 x 上（p_g 变成一根尖刺）。把 G 步数设为 1、k 设为 5，让 D 跟上。</translation>
    </message>
    <message>
      <source>Two modes</source>
      <translation>双峰</translation>
    </message>
    <message>
      <source>G must split its single lump of noise in two: watch the arrows fan out to both modes.</source>
      <translation>G 必须把它唯一的一团噪声一分为二：看箭头怎样呈扇形展开，分别奔向两个模式。</translation>
    </message>
    <message>
      <source>Digits: a small DCGAN on MNIST</source>
      <translation>手写数字：MNIST 上的小型 DCGAN</translation>
    </message>
    <message>
      <source>Blobs become strokes within seconds and readable digits of every class within about twenty; the 64 samples come from the same z throughout, so each one keeps its place in the grid while it learns.</source>
      <translation>几秒钟内斑块变成笔画，大约二十秒后各个类别的数字都能认出来；64 个样本始终来自同样的 z，所以在学习过程中每个样本都保持在网格中原来的位置。</translation>
    </message>
    <message>
      <source>Latent space: morph one digit into another</source>
      <translation>隐空间：让一个数字渐变成另一个</translation>
    </message>
    <message>
      <source>Starts from the digits preset already trained (4,000 iterations, seed 0): drag the slider in the latent panel to walk from one sample's z to another's, as in the paper's Figure 3; try the spherical path.</source>
      <translation>从已经训练好的手写数字预设开始（4,000 次迭代，随机种子 0）：拖动“隐空间”面板里的滑块，从一个样本的 z 走到另一个样本的 z，就像论文的图3；也试试球面插值路径。</translation>
    </message>
    <message>
      <source>Three modes</source>
      <translation>三峰</translation>
    </message>
    <message>
      <source>A harder target: G often covers two modes first and bridges the third late.</source>
      <translation>一个更难的目标：G 常常先覆盖两个模式，很晚才够到第三个。</translation>
    </message>
    <message>
      <source>Uniform box</source>
      <translation>方盒形均匀分布</translation>
    </message>
    <message>
      <source>Sharp edges: the smooth generator rounds the corners of a box-shaped density.</source>
      <translation>锐利的边缘：平滑的生成器会把方盒形密度的棱角磨圆。</translation>
    </message>
    <message>
      <source>Skewed (log-normal)</source>
      <translation>偏态分布（对数正态）</translation>
    </message>
    <message>
      <source>A long right tail: G stretches the noise far to the right and squeezes it near the mode.</source>
      <translation>长长的右尾：G 把噪声向右拉得很远，而在峰值附近把它压紧。</translation>
    </message>
    <message>
      <source>The paper's fully connected GAN on MNIST</source>
      <translation>论文在 MNIST 上的全连接 GAN</translation>
    </message>
    <message>
      <source>The 2014 nets (ReLU generator, maxout discriminator with dropout): speckled digits, far too many 1s (partial mode collapse). Switch both optimisers to SGD at 0.1, as in the paper, and G soon draws only one or two shapes.</source>
      <translation>2014 年的网络（ReLU 生成器，带 dropout 的 maxout 判别器）：数字满是噪点，“1”多得离谱（部分模式崩溃）。像论文那样把两个优化器都换成学习率 0.1 的 SGD，G 很快就只会画一两种形状了。</translation>
    </message>
    <message>
      <source>Minimax (saturating)</source>
      <translation>极小极大（饱和）</translation>
    </message>
    <message>
      <source>Non-saturating</source>
      <translation>非饱和</translation>
    </message>
    <message>
      <source>Least squares</source>
      <translation>最小二乘</translation>
    </message>
    <message>
      <source>Wasserstein (weight clipping)</source>
      <translation>Wasserstein（权重裁剪）</translation>
    </message>
    <message>
      <source>Wasserstein (gradient penalty)</source>
      <translation>Wasserstein（梯度惩罚）</translation>
    </message>
    <message>
      <source>Hinge</source>
      <translation>Hinge（合页损失）</translation>
    </message>
    <message>
      <source>Gaussian</source>
      <translation>高斯分布</translation>
    </message>
    <message>
      <source>Gaussian, far away</source>
      <translation>高斯分布（远处）</translation>
    </message>
    <message>
      <source>Uniform</source>
      <translation>均匀分布</translation>
    </message>
    <message>
      <source>Log-normal (skewed)</source>
      <translation>对数正态（偏态）</translation>
    </message>
    <message>
      <source>Uniform(-1, 1)</source>
      <translation>均匀分布(-1, 1)</translation>
    </message>
    <message>
      <source>Normal(0, 1)</source>
      <translation>正态分布(0, 1)</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>自定义</translation>
    </message>
    <message>
      <source>Training diverged near iteration {iteration} ({detail}). Paused and went back to iteration {back_to}, the last healthy state. Lower the learning rates or press Reset.</source>
      <translation>训练在第 {iteration} 次迭代附近发散（{detail}）。已暂停，并退回到最后一个正常状态：第 {back_to} 次迭代。请调低学习率，或按“重置”。</translation>
    </message>
    <message>
      <source>{command} failed: {detail}</source>
      <translation>{command} 执行失败：{detail}</translation>
    </message>
    <message>
      <source>Training stopped at iteration {iteration}: {detail}</source>
      <translation>训练在第 {iteration} 次迭代时停止：{detail}</translation>
    </message>
    <message>
      <source>The trainer could not start: {detail}</source>
      <translation>训练器无法启动：{detail}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>The trainer is not running. Press Reset (R) to start a new one.</source>
      <translation>训练器没有在运行。按“重置”（R）启动一个新的训练器。</translation>
    </message>
    <message>
      <source>Speed: </source>
      <translation>速度： </translation>
    </message>
    <message>
      <source>That setting rebuilds the networks: the run restarted.</source>
      <translation>该设置会重建网络：训练已重新开始。</translation>
    </message>
    <message>
      <source>Preset loaded: </source>
      <translation>已载入预设： </translation>
    </message>
    <message>
      <source>Saved </source>
      <translation>已保存 </translation>
    </message>
    <message>
      <source>Opened </source>
      <translation>已打开 </translation>
    </message>
    <message>
      <source>Saving {p}...</source>
      <translation>正在保存 {p}…</translation>
    </message>
    <message>
      <source>Could not save the session</source>
      <translation>无法保存会话</translation>
    </message>
    <message>
      <source>This run has no setting {f}: {e}</source>
      <translation>本次训练没有设置项 {f}：{e}</translation>
    </message>
    <message>
      <source>Export cancelled</source>
      <translation>导出已取消</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <source>Could not write {p}: {e}</source>
      <translation>无法写入 {p}：{e}</translation>
    </message>
    <message>
      <source>Use as latent start A</source>
      <translation>用作隐空间起点 A</translation>
    </message>
    <message>
      <source>Use as latent end B</source>
      <translation>用作隐空间终点 B</translation>
    </message>
    <message>
      <source>Open an image data set</source>
      <translation>打开图像数据集</translation>
    </message>
    <message>
      <source>Image data (*.npz *-ubyte *-ubyte.gz *.idx *.gz);;All files (*)</source>
      <translation>图像数据 (*.npz *-ubyte *-ubyte.gz *.idx *.gz);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Open a folder of images (or of MNIST IDX files)</source>
      <translation>打开图像文件夹（或存放 MNIST IDX 文件的文件夹）</translation>
    </message>
    <message>
      <source> (the DCGAN needs sides that are multiples of 4: using fully connected nets)</source>
      <translation> （DCGAN 要求边长是 4 的倍数：改用全连接网络）</translation>
    </message>
    <message>
      <source>Export the sample grid</source>
      <translation>导出样本网格</translation>
    </message>
    <message>
      <source>Charts</source>
      <translation>图表</translation>
    </message>
    <message>
      <source>Latent space (Figure 3)</source>
      <translation>隐空间（图3）</translation>
    </message>
    <message>
      <source>mean D: real {r:.2f}, fake {f:.2f}</source>
      <translation>平均 D：真实样本 {r:.2f}，假样本 {f:.2f}</translation>
    </message>
    <message>
      <source>Remove from Figure 2</source>
      <translation>从图2中移除</translation>
    </message>
    <message>
      <source>Compare with its nearest training image</source>
      <translation>与最近的训练图像比较</translation>
    </message>
    <message>
      <source>Training on {name}: {n} images of {h}x{w}</source>
      <translation>正在用 {name} 训练：{n} 张 {h}x{w} 的图像</translation>
    </message>
    <message>
      <source>Cannot use this data set</source>
      <translation>无法使用此数据集</translation>
    </message>
    <message>
      <source>The DCGAN needs sides that are multiples of 4; these images are {h}x{w}.</source>
      <translation>DCGAN 要求图像边长是 4 的倍数；这些图像是 {h}x{w}。</translation>
    </message>
    <message>
      <source>C captures the Figure 1 on screen (up to four, like the paper's (a)-(d)).</source>
      <translation>按 C 截下屏幕上的图1（最多四张，就像论文中的 (a)-(d)）。</translation>
    </message>
    <message>
      <source>Export PNG...</source>
      <translation>导出 PNG…</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <source>Export the strip</source>
      <translation>导出截图栏</translation>
    </message>
    <message>
      <source>Export the timeline</source>
      <translation>导出时间轴</translation>
    </message>
    <message>
      <source>Drag over Figure 1 to draw p_data; release the mouse to train on it.</source>
      <translation>在图1上拖动鼠标来绘制 p_data；松开鼠标即开始用它训练。</translation>
    </message>
    <message>
      <source>your drawing</source>
      <translation>你画的密度</translation>
    </message>
    <message>
      <source>Load data samples</source>
      <translation>载入数据样本</translation>
    </message>
    <message>
      <source>Samples (*.csv *.txt *.tsv);;All files (*)</source>
      <translation>样本 (*.csv *.txt *.tsv);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Numbers</source>
      <translation>数值</translation>
    </message>
    <message>
      <source>Saturation</source>
      <translation>饱和</translation>
    </message>
    <message>
      <source>Captures</source>
      <translation>截图栏</translation>
    </message>
    <message>
      <source>JSD {j:.4f} nats</source>
      <translation>JSD {j:.4f} 奈特</translation>
    </message>
    <message>
      <source>Nothing to export</source>
      <translation>没有可导出的内容</translation>
    </message>
    <message>
      <source>Press C to capture Figure 1 first.</source>
      <translation>请先按 C 截下图1。</translation>
    </message>
    <message>
      <source>Exporting the timeline</source>
      <translation>正在导出时间轴</translation>
    </message>
    <message>
      <source>Showing iteration {i} from the timeline; training goes on. Press L or Live to return.</source>
      <translation>正在显示时间轴上的第 {i} 次迭代；训练仍在继续。按 L 或“实时”返回。</translation>
    </message>
    <message>
      <source>Captured iteration {i} ({n} of 4)</source>
      <translation>已截下第 {i} 次迭代（第 {n} 张，共 4 张）</translation>
    </message>
    <message>
      <source>Cannot use this file</source>
      <translation>无法使用此文件</translation>
    </message>
    <message>
      <source>Cannot use this density</source>
      <translation>无法使用此密度</translation>
    </message>
    <message>
      <source>Training on a custom p_data from {s}</source>
      <translation>正在用自定义 p_data 训练（来源：{s}）</translation>
    </message>
    <message>
      <source>Load data points</source>
      <translation>载入数据点</translation>
    </message>
    <message>
      <source>JS {j:.3f} nats, W1 {w:.3f}</source>
      <translation>JS {j:.3f} 奈特，W1 {w:.3f}</translation>
    </message>
    <message>
      <source>modes {m:.0f}, high quality {q:.0f}%, JS {j:.3f} nats</source>
      <translation>模式 {m:.0f}，高质量 {q:.0f}%，JS {j:.3f} 奈特</translation>
    </message>
    <message>
      <source>GAN Lab Desktop</source>
      <translation>GAN Lab 桌面版</translation>
    </message>
    <message>
      <source>PNG image (*.png);;SVG drawing (*.svg)</source>
      <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
      <source>Save session</source>
      <translation>保存会话</translation>
    </message>
    <message>
      <source>Sessions (*.ganlab)</source>
      <translation>会话 (*.ganlab)</translation>
    </message>
    <message>
      <source>Open session</source>
      <translation>打开会话</translation>
    </message>
    <message>
      <source>Sessions (*.ganlab);;All files (*)</source>
      <translation>会话 (*.ganlab);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Export panel</source>
      <translation>导出面板</translation>
    </message>
    <message>
      <source>Export snapshot</source>
      <translation>导出快照</translation>
    </message>
    <message>
      <source>Export metrics</source>
      <translation>导出指标</translation>
    </message>
    <message>
      <source>About GAN Lab Desktop</source>
      <translation>关于 GAN Lab 桌面版</translation>
    </message>
    <message>
      <source>Presenter mode: F11 to leave, ? for the keys</source>
      <translation>演示模式：按 F11 退出，按 ? 查看快捷键</translation>
    </message>
    <message>
      <source>Presenter mode off</source>
      <translation>已退出演示模式</translation>
    </message>
    <message>
      <source>Cannot open this session</source>
      <translation>无法打开此会话</translation>
    </message>
    <message>
      <source>GAN Lab Desktop {v}: Goodfellow et al. 2014, Figure 1, trained live.</source>
      <translation>GAN Lab 桌面版 {v}：实时训练 Goodfellow 等人（2014）论文中的图1。</translation>
    </message>
    <message>
      <source>(none yet)</source>
      <translation>（暂无）</translation>
    </message>
    <message>
      <source>Generator loss: {name}</source>
      <translation>生成器损失：{name}</translation>
    </message>
    <message>
      <source>Controls</source>
      <translation>控制</translation>
    </message>
    <message>
      <source>Lesson</source>
      <translation>课程</translation>
    </message>
    <message>
      <source>starting the trainer...</source>
      <translation>正在启动训练器…</translation>
    </message>
    <message>
      <source>Load preset 1-9 (the Presets menu)</source>
      <translation>载入预设 1-9（“预设”菜单）</translation>
    </message>
    <message>
      <source>iteration {i}  (D steps {d}, G steps {g})</source>
      <translation>第 {i} 次迭代（D 步数 {d}，G 步数 {g}）</translation>
    </message>
    <message>
      <source>{r:.0f} it/s</source>
      <translation>{r:.0f} 次迭代/秒</translation>
    </message>
    <message>
      <source>device: {d} ({t})</source>
      <translation>设备：{d}（{t}）</translation>
    </message>
    <message>
      <source>Stopped the trainer in {s:.2f} s</source>
      <translation>训练器已停止，用时 {s:.2f} 秒</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Recent sessions</source>
      <translation>最近的会话</translation>
    </message>
    <message>
      <source>Panel: {p} (PNG or SVG)...</source>
      <translation>面板：{p}（PNG 或 SVG）…</translation>
    </message>
  </context>
  <context>
    <name>Exports</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Exported from ganlab</source>
      <translation>由 ganlab 导出</translation>
    </message>
    <message>
      <source>Figure 1, iteration {0}</source>
      <translation>图1，第 {0} 次迭代</translation>
    </message>
  </context>
  <context>
    <name>HelpOverlay</name>
    <message>
      <source>Keyboard shortcuts</source>
      <translation>键盘快捷键</translation>
    </message>
    <message>
      <source>Press ? or Esc, or click anywhere, to close this list.</source>
      <translation>按 ? 或 Esc，或点击任意位置，关闭此列表。</translation>
    </message>
  </context>
  <context>
    <name>CaptureStrip</name>
    <message>
      <source>p_data (data)</source>
      <translation>p_data（数据）</translation>
    </message>
    <message>
      <source>p_g (generator)</source>
      <translation>p_g（生成器）</translation>
    </message>
    <message>
      <source>Capture Figure 1 at moments of a run: the pictures appear here as (a) to (d).</source>
      <translation>在训练的不同时刻截下图1：截图会显示在这里，标为 (a) 到 (d)。</translation>
    </message>
    <message>
      <source>D(x) (discriminator)</source>
      <translation>D(x)（判别器）</translation>
    </message>
    <message>
      <source>D(x) score (critic, right axis)</source>
      <translation>D(x) 得分（评判器，右轴）</translation>
    </message>
    <message>
      <source>({0}) iteration {1}</source>
      <translation>({0}) 第 {1} 次迭代</translation>
    </message>
  </context>
  <context>
    <name>ChartsPanel</name>
    <message>
      <source>iteration</source>
      <translation>迭代</translation>
    </message>
    <message>
      <source>Losses</source>
      <translation>损失</translation>
    </message>
    <message>
      <source>JSD(p_data || p_g), nats</source>
      <translation>JSD(p_data || p_g)，奈特</translation>
    </message>
    <message>
      <source>V(D, G) and C(G) = -log 4 + 2 JSD</source>
      <translation>V(D, G) 与 C(G) = -log 4 + 2 JSD</translation>
    </message>
    <message>
      <source>|grad of G's loss| (log scale)</source>
      <translation>|G 损失的梯度|（对数坐标）</translation>
    </message>
    <message>
      <source>Mean D(x): training images vs G's samples</source>
      <translation>平均 D(x)：训练图像与 G 的样本</translation>
    </message>
    <message>
      <source>Mean critic score: training images vs G's samples</source>
      <translation>平均评判器得分：训练图像与 G 的样本</translation>
    </message>
    <message>
      <source>JS (nats) and W1 to the data</source>
      <translation>与数据的 JS（奈特）和 W1</translation>
    </message>
    <message>
      <source>Modes covered</source>
      <translation>覆盖的模式</translation>
    </message>
    <message>
      <source>D loss</source>
      <translation>D 损失</translation>
    </message>
    <message>
      <source>G loss</source>
      <translation>G 损失</translation>
    </message>
    <message>
      <source>V(D, G)</source>
      <translation>V(D, G)</translation>
    </message>
    <message>
      <source>C(G)</source>
      <translation>C(G)</translation>
    </message>
    <message>
      <source>G gradient norm</source>
      <translation>G 梯度范数</translation>
    </message>
    <message>
      <source>on training images</source>
      <translation>训练图像上</translation>
    </message>
    <message>
      <source>on G's samples</source>
      <translation>G 的样本上</translation>
    </message>
    <message>
      <source>modes</source>
      <translation>模式</translation>
    </message>
  </context>
  <context>
    <name>ControlsPanel</name>
    <message>
      <source>Choose a preset...</source>
      <translation>选择预设…</translation>
    </message>
    <message>
      <source>Play</source>
      <translation>播放</translation>
    </message>
    <message>
      <source>Train continuously (Space)</source>
      <translation>连续训练（Space）</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>单步</translation>
    </message>
    <message>
      <source>One iteration: k D steps, then G steps (Right)</source>
      <translation>一次迭代：先走 k 步 D，再走 G（Right）</translation>
    </message>
    <message>
      <source>Step D</source>
      <translation>D 走一步</translation>
    </message>
    <message>
      <source>One discriminator step only (D)</source>
      <translation>只让判别器走一步（D）</translation>
    </message>
    <message>
      <source>Step G</source>
      <translation>G 走一步</translation>
    </message>
    <message>
      <source>One generator step only (G)</source>
      <translation>只让生成器走一步（G）</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>重置</translation>
    </message>
    <message>
      <source>Start the run again from new networks (R)</source>
      <translation>用新的网络从头开始训练（R）</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>速度</translation>
    </message>
    <message>
      <source>Narrated speeds play one D or G step at a time and say what each does</source>
      <translation>讲解速度每次只走一步 D 或一步 G，并说明这一步做了什么</translation>
    </message>
    <message>
      <source>Play at</source>
      <translation>播放速度</translation>
    </message>
    <message>
      <source>Training (applies at once)</source>
      <translation>训练（立即生效）</translation>
    </message>
    <message>
      <source>Show on Figure 1</source>
      <translation>在图1上显示</translation>
    </message>
    <message>
      <source>Draw p_data...</source>
      <translation>绘制 p_data…</translation>
    </message>
    <message>
      <source>Drag over Figure 1 to draw your own data density</source>
      <translation>在图1上拖动鼠标，画出你自己的数据密度</translation>
    </message>
    <message>
      <source>Load samples...</source>
      <translation>载入样本…</translation>
    </message>
    <message>
      <source>A CSV or text file of numbers, one per line</source>
      <translation>CSV 或文本文件，每行一个数</translation>
    </message>
    <message>
      <source>D steps in the first iteration instead of k: puts D ahead of G</source>
      <translation>第一次迭代中 D 走的步数（代替 k）：让 D 领先于 G</translation>
    </message>
    <message>
      <source>Generator loss</source>
      <translation>生成器损失</translation>
    </message>
    <message>
      <source>D optimiser</source>
      <translation>D 优化器</translation>
    </message>
    <message>
      <source>G optimiser</source>
      <translation>G 优化器</translation>
    </message>
    <message>
      <source>D learning rate</source>
      <translation>D 学习率</translation>
    </message>
    <message>
      <source>G learning rate</source>
      <translation>G 学习率</translation>
    </message>
    <message>
      <source>k (D steps per iteration)</source>
      <translation>k（每次迭代的 D 步数）</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>批大小</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>暂停</translation>
    </message>
    <message>
      <source>Data p_data</source>
      <translation>数据 p_data</translation>
    </message>
    <message>
      <source>Noise prior p_z</source>
      <translation>噪声先验 p_z</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>G width</source>
      <translation>G 宽度</translation>
    </message>
    <message>
      <source>G hidden layers</source>
      <translation>G 隐藏层数</translation>
    </message>
    <message>
      <source>D width</source>
      <translation>D 宽度</translation>
    </message>
    <message>
      <source>D hidden layers</source>
      <translation>D 隐藏层数</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>Noise dimension</source>
      <translation>噪声维度</translation>
    </message>
    <message>
      <source>D head start (steps)</source>
      <translation>D 先行步数</translation>
    </message>
    <message>
      <source>Custom (drawn or loaded)</source>
      <translation>自定义（绘制或载入）</translation>
    </message>
    <message>
      <source>Cancel drawing</source>
      <translation>取消绘制</translation>
    </message>
    <message>
      <source>G steps per iteration</source>
      <translation>每次迭代的 G 步数</translation>
    </message>
    <message>
      <source>Problem (restarts the run</source>
      <translation>问题设定 (会重新开始训练</translation>
    </message>
    <message>
      <source>Networks (restarts the run</source>
      <translation>网络 (会重新开始训练</translation>
    </message>
  </context>
  <context>
    <name>DensityPanel</name>
    <message>
      <source>Figure 1, live</source>
      <translation>图1（实时）</translation>
    </message>
    <message>
      <source>D*(x) = p_data / (p_data + p_g)</source>
      <translation>D*(x) = p_data / (p_data + p_g)</translation>
    </message>
    <message>
      <source>push on G(z): -d loss_G / dx</source>
      <translation>G(z) 受到的推力：-d loss_G / dx</translation>
    </message>
    <message>
      <source>histogram of G's samples</source>
      <translation>G 样本的直方图</translation>
    </message>
    <message>
      <source>p_data (data)</source>
      <translation>p_data（数据）</translation>
    </message>
    <message>
      <source>p_g (generator)</source>
      <translation>p_g（生成器）</translation>
    </message>
    <message>
      <source>D(x) (discriminator)</source>
      <translation>D(x)（判别器）</translation>
    </message>
    <message>
      <source>D(x) score (critic, right axis)</source>
      <translation>D(x) 得分（评判器，右轴）</translation>
    </message>
  </context>
  <context>
    <name>ImageControlsPanel</name>
    <message>
      <source>MLP: hidden units per layer. DCGAN: channels of the last feature map</source>
      <translation>MLP：每层的隐藏单元数。DCGAN：最后一个特征图的通道数</translation>
    </message>
    <message>
      <source>MLP: maxout units per layer. DCGAN: channels of the first feature map</source>
      <translation>MLP：每层的 maxout 单元数。DCGAN：第一个特征图的通道数</translation>
    </message>
    <message>
      <source>Open a data set...</source>
      <translation>打开数据集…</translation>
    </message>
    <message>
      <source>MNIST IDX files, an .npz, or a folder of images</source>
      <translation>MNIST IDX 文件、.npz 文件或图像文件夹</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>数据</translation>
    </message>
    <message>
      <source>Networks</source>
      <translation>网络</translation>
    </message>
    <message>
      <source>Noise prior p_z</source>
      <translation>噪声先验 p_z</translation>
    </message>
    <message>
      <source>Noise dimension</source>
      <translation>噪声维度</translation>
    </message>
    <message>
      <source>G width</source>
      <translation>G 宽度</translation>
    </message>
    <message>
      <source>D width</source>
      <translation>D 宽度</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>Data and networks (restart the run</source>
      <translation>数据与网络 (会重新开始训练</translation>
    </message>
    <message>
      <source>Your file: {name}</source>
      <translation>你的文件：{name}</translation>
    </message>
  </context>
  <context>
    <name>ImagePanels</name>
    <message>
      <source>D's output is not a number</source>
      <translation>D 的输出不是有效数字</translation>
    </message>
    <message>
      <source>Ctrl+click samples to compare them with their nearest training image</source>
      <translation>Ctrl+点击样本，将它与最近邻训练图像对比</translation>
    </message>
    <message>
      <source>real</source>
      <translation>真</translation>
    </message>
    <message>
      <source>fake</source>
      <translation>假</translation>
    </message>
    <message>
      <source>critic score {s:.3g} (higher: more real)</source>
      <translation>评判器得分 {s:.3g}（越高越像真）</translation>
    </message>
    <message>
      <source>G(z): 64 samples, the same z every frame</source>
      <translation>G(z)：64 个样本，每一帧都用同样的 z</translation>
    </message>
    <message>
      <source>Nearest training image (Figure 2)</source>
      <translation>最近邻训练图像（图2）</translation>
    </message>
    <message>
      <source>Training images</source>
      <translation>训练图像</translation>
    </message>
    <message>
      <source>Frames: &lt;span style='color:#1f77b4'&gt;&lt;b&gt;blue&lt;/b&gt;&lt;/span&gt; = D says real, &lt;span style='color:#ff7f0e'&gt;&lt;b&gt;orange&lt;/b&gt;&lt;/span&gt; = D says fake (stronger = surer).</source>
      <translation>边框：&lt;span style='color:#1f77b4'&gt;&lt;b&gt;蓝色&lt;/b&gt;&lt;/span&gt; = D 判为真，&lt;span style='color:#ff7f0e'&gt;&lt;b&gt;橙色&lt;/b&gt;&lt;/span&gt; = D 判为假（颜色越深，D 越有把握）。</translation>
    </message>
    <message>
      <source>Click a sample: latent start A. Shift+click: end B. Ctrl+click: compare it with its nearest training image (Figure 2). Right-click for a menu.</source>
      <translation>点击样本：设为隐空间起点 A。Shift+点击：设为终点 B。Ctrl+点击：与它最近的训练图像比较（图2）。右键点击打开菜单。</translation>
    </message>
    <message>
      <source>A copy of a training image would show distance 0.</source>
      <translation>如果是训练图像的复制品，距离会是 0。</translation>
    </message>
    <message>
      <source>mean D(x) on these training images: {r:.2f}; on G's samples: {f:.2f}</source>
      <translation>这些训练图像上的平均 D(x)：{r:.2f}；G 的样本上：{f:.2f}</translation>
    </message>
    <message>
      <source>mean critic score on these training images: {r:.3g}; on G's samples: {f:.3g}</source>
      <translation>这些训练图像上的平均评判器得分：{r:.3g}；G 的样本上：{f:.3g}</translation>
    </message>
    <message>
      <source>D says {side}: P(real) = {p:.2f}</source>
      <translation>D 判为{side}：P(real) = {p:.2f}</translation>
    </message>
    <message>
      <source>Sample {n}: {verdict}</source>
      <translation>样本 {n}：{verdict}</translation>
    </message>
    <message>
      <source>Training image</source>
      <translation>训练图像</translation>
    </message>
    <message>
      <source>Training image{label}: {verdict}</source>
      <translation>训练图像{label}：{verdict}</translation>
    </message>
    <message>
      <source>Its nearest training image{label}: distance {d:.2f} (iteration {i})</source>
      <translation>与它最近的训练图像{label}：距离 {d:.2f}（第 {i} 次迭代）</translation>
    </message>
    <message>
      <source>Training images: {name}, {n} in all</source>
      <translation>训练图像：{name}，共 {n} 张</translation>
    </message>
    <message>
      <source>G(z): 64 samples, the same z every frame (iteration {i})</source>
      <translation>G(z)：64 个样本，每一帧都用同样的 z（第 {i} 次迭代）</translation>
    </message>
    <message>
      <source> (class {c})</source>
      <translation> （类别 {c}）</translation>
    </message>
    <message>
      <source>Sample {n} now (click to remove it)</source>
      <translation>样本 {n} 的当前样子（点击移除）</translation>
    </message>
    <message>
      <source>, class {c}</source>
      <translation>，类别 {c}</translation>
    </message>
  </context>
  <context>
    <name>LatentPanel</name>
    <message>
      <source>Spherical keeps |z| typical of the prior all the way; the straight line passes nearer the origin</source>
      <translation>球面插值让 |z| 一路保持先验下的典型大小；直线则会从更靠近原点的地方经过</translation>
    </message>
    <message>
      <source>Nudge the first z coordinates</source>
      <translation>微调 z 的前几个坐标</translation>
    </message>
    <message>
      <source>Zero</source>
      <translation>归零</translation>
    </message>
    <message>
      <source>From A to B in ten steps, like the paper's Figure 3 (click a frame to go there). Pick endpoints in the sample grid: click = A, Shift+click = B.</source>
      <translation>分十步从 A 走到 B，就像论文的图3（点击某一帧可跳到那里）。在样本网格中选择端点：点击 = A，Shift+点击 = B。</translation>
    </message>
    <message>
      <source>Random A</source>
      <translation>随机 A</translation>
    </message>
    <message>
      <source>A new start z from the prior</source>
      <translation>从先验中抽取新的起点 z</translation>
    </message>
    <message>
      <source>Random B</source>
      <translation>随机 B</translation>
    </message>
    <message>
      <source>A new end z from the prior</source>
      <translation>从先验中抽取新的终点 z</translation>
    </message>
    <message>
      <source>Random both</source>
      <translation>两端都随机</translation>
    </message>
    <message>
      <source>Two new endpoints</source>
      <translation>两个新的端点</translation>
    </message>
    <message>
      <source>Swap</source>
      <translation>交换</translation>
    </message>
    <message>
      <source>Exchange A and B</source>
      <translation>交换 A 和 B</translation>
    </message>
    <message>
      <source>Path:</source>
      <translation>路径：</translation>
    </message>
    <message>
      <source>Start A</source>
      <translation>起点 A</translation>
    </message>
    <message>
      <source>End B</source>
      <translation>终点 B</translation>
    </message>
    <message>
      <source>t = {t:.2f}</source>
      <translation>t = {t:.2f}</translation>
    </message>
    <message>
      <source>t = {t:.2f}  ({mode})</source>
      <translation>t = {t:.2f}（{mode}）</translation>
    </message>
    <message>
      <source>z{i} {v:+.2f}</source>
      <translation>z{i} {v:+.2f}</translation>
    </message>
  </context>
  <context>
    <name>LessonPanel</name>
    <message>
      <source>Back</source>
      <translation>上一步</translation>
    </message>
    <message>
      <source>No lessons</source>
      <translation>没有课程</translation>
    </message>
    <message>
      <source>No lessons were found.</source>
      <translation>没有找到课程。</translation>
    </message>
    <message>
      <source>Next</source>
      <translation>下一步</translation>
    </message>
    <message>
      <source>Next lesson</source>
      <translation>下一课</translation>
    </message>
    <message>
      <source>Step {i} of {n}</source>
      <translation>第 {i} 步，共 {n} 步</translation>
    </message>
  </context>
  <context>
    <name>PlaneCanvas</name>
    <message>
      <source>The plane, live</source>
      <translation>平面（实时）</translation>
    </message>
    <message>
      <source>z (hover a cell)</source>
      <translation>z（把鼠标移到格子上）</translation>
    </message>
  </context>
  <context>
    <name>PlaneControls</name>
    <message>
      <source>Fixes for mode collapse</source>
      <translation>模式坍塌的修正</translation>
    </message>
    <message>
      <source>Layers of the plane</source>
      <translation>平面的图层</translation>
    </message>
    <message>
      <source>Data p_data</source>
      <translation>数据 p_data</translation>
    </message>
    <message>
      <source>Noise prior p_z</source>
      <translation>噪声先验 p_z</translation>
    </message>
    <message>
      <source>Noise dimension (1 or 2)</source>
      <translation>噪声维度（1 或 2）</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>随机种子</translation>
    </message>
    <message>
      <source>G width</source>
      <translation>G 宽度</translation>
    </message>
    <message>
      <source>G hidden layers</source>
      <translation>G 隐藏层数</translation>
    </message>
    <message>
      <source>D width</source>
      <translation>D 宽度</translation>
    </message>
    <message>
      <source>D hidden layers</source>
      <translation>D 隐藏层数</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>激活函数</translation>
    </message>
    <message>
      <source>D head start (steps)</source>
      <translation>D 先行步数</translation>
    </message>
    <message>
      <source>Data and noise (restart the run</source>
      <translation>数据与噪声（会重新开始运行</translation>
    </message>
    <message>
      <source>Networks (restart the run</source>
      <translation>网络（会重新开始运行</translation>
    </message>
  </context>
  <context>
    <name>SaturationPanel</name>
    <message>
      <source>G's cost per fake</source>
      <translation>G 在每个假样本上的代价</translation>
    </message>
    <message>
      <source>G's gradient norm ‖∇θ loss_G‖ (log scale)</source>
      <translation>G 的梯度范数 ‖∇θ loss_G‖（对数坐标）</translation>
    </message>
    <message>
      <source>iteration</source>
      <translation>迭代</translation>
    </message>
    <message>
      <source>G's fakes now</source>
      <translation>G 当前的假样本</translation>
    </message>
    <message>
      <source>logit</source>
      <translation>logit</translation>
    </message>
    <message>
      <source>score</source>
      <translation>得分</translation>
    </message>
    <message>
      <source>D(G(z)), D's belief that a fake is real</source>
      <translation>D(G(z))：D 认为假样本为真的概率</translation>
    </message>
    <message>
      <source>|∂cost/∂logit|</source>
      <translation>|∂代价/∂logit|</translation>
    </message>
    <message>
      <source>D(G(z)), the critic's score of a fake</source>
      <translation>D(G(z))：评判器给假样本的得分</translation>
    </message>
    <message>
      <source>|∂cost/∂score|</source>
      <translation>|∂代价/∂得分|</translation>
    </message>
    <message>
      <source>G's cost</source>
      <translation>G 的代价</translation>
    </message>
    <message>
      <source>−log D(G(z)) (reference)</source>
      <translation>−log D(G(z))（参考）</translation>
    </message>
    <message>
      <source>{grad} (right axis)</source>
      <translation>{grad}（右轴）</translation>
    </message>
    <message>
      <source>mean |∂cost/∂{wrt}| over the fakes: no finite fakes</source>
      <translation>假样本上 |∂代价/∂{wrt}| 的均值：没有取有限值的假样本</translation>
    </message>
    <message>
      <source>mean |∂cost/∂{wrt}| over the fakes: {value}</source>
      <translation>假样本上 |∂代价/∂{wrt}| 的均值：{value}</translation>
    </message>
    <message>
      <source>(with −log D: {value})</source>
      <translation>（若用 −log D：{value}）</translation>
    </message>
  </context>
  <context>
    <name>TimelineBar</name>
    <message>
      <source>Drag back through training; Left/Right step through the kept snapshots</source>
      <translation>拖动可回看训练过程；Left/Right 在保存的快照之间逐个切换</translation>
    </message>
    <message>
      <source>Live</source>
      <translation>实时</translation>
    </message>
    <message>
      <source>Follow training again</source>
      <translation>重新跟随训练</translation>
    </message>
    <message>
      <source>iteration 000000 of 000000</source>
      <translation>第 000000 次迭代，共 000000 次</translation>
    </message>
    <message>
      <source>no iterations yet</source>
      <translation>还没有迭代</translation>
    </message>
    <message>
      <source>iteration {0} of {1}</source>
      <translation>第 {0} 次迭代，共 {1} 次</translation>
    </message>
  </context>
</TS>
